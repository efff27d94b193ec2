import Testing
@testable import CommandLineOptions

@Suite struct CommandLineParserTests {
    let command = CommandSpec(
        name: "run", summary: "Runs the worker.",
        options: [
            OptionSpec("brokers", env: "SUPPORT_BROKERS", kind: .value(placeholder: "HOSTS"), help: "Bootstrap servers."),
            OptionSpec("concurrency", env: "SUPPORT_CONCURRENCY", kind: .value(placeholder: "N"), help: "Parallel conversations.", default: "64"),
            OptionSpec("poll-timeout", env: "SUPPORT_POLL_TIMEOUT", help: "Poll timeout.", default: "100ms"),
            .flag("dry-run", env: "SUPPORT_DRY_RUN", help: "Do nothing."),
        ])

    func parse(_ args: [String], _ env: [String: String] = [:]) throws -> ParsedOptions {
        guard case .run(let options) = try CommandLineParser.parse(args, environment: env, command: command) else {
            throw CommandLineError(.unexpectedArgument, "help")
        }
        return options
    }

    @Test func flagsWinOverEnvironmentWhichWinsOverDefaults() throws {
        let env = ["SUPPORT_BROKERS": "env:9092", "SUPPORT_CONCURRENCY": "8"]
        let fromEnv = try parse([], env)
        #expect(fromEnv.string("brokers") == "env:9092")
        #expect(try fromEnv.int("concurrency") == 8)
        #expect(fromEnv.source("concurrency") == .environment("SUPPORT_CONCURRENCY"))
        let fromFlags = try parse(["--brokers", "flag:9092", "--concurrency=16"], env)
        #expect(fromFlags.string("brokers") == "flag:9092")
        #expect(try fromFlags.int("concurrency") == 16)
        #expect(try parse([]).int("concurrency") == 64)
        #expect(try parse([]).duration("poll-timeout") == .milliseconds(100))
    }

    @Test func booleanFlagsFromArgumentsAndEnvironment() throws {
        #expect(try parse(["--dry-run"]).flag("dry-run"))
        #expect(try parse([], ["SUPPORT_DRY_RUN": "yes"]).flag("dry-run"))
        #expect(try !parse([], ["SUPPORT_DRY_RUN": "0"]).flag("dry-run"))
        #expect(throws: CommandLineError.self) { try parse([], ["SUPPORT_DRY_RUN": "maybe"]) }
    }

    @Test func errorsNameTheOptionAndWhereItsValueCameFrom() {
        #expect(throws: CommandLineError(.invalidValue, "--concurrency (from SUPPORT_CONCURRENCY) must be an integer in 1...1024, got \"lots\"")) {
            try parse([], ["SUPPORT_CONCURRENCY": "lots"]).int("concurrency", in: 1...1024)
        }
        #expect(throws: CommandLineError(.unknownOption, "unknown option --broker for run (did you mean --brokers?); see `run --help`")) {
            try parse(["--broker", "x"])
        }
        #expect(throws: CommandLineError(.missingValue, "--brokers needs a value")) { try parse(["--brokers"]) }
        #expect(throws: CommandLineError.self) { try parse(["stray"]) }
        #expect(throws: CommandLineError.self) { try parse(["--poll-timeout", "soon"]).duration("poll-timeout") }
    }

    @Test func helpListsEveryOptionWithItsVariableAndDefault() throws {
        guard case .help = try CommandLineParser.parse(["--help"], environment: [:], command: command) else {
            Issue.record("--help was not recognised")
            return
        }
        let text = CommandLineParser.help(for: command, executable: "support-worker")
        #expect(text.contains("--concurrency <N>"))
        #expect(text.contains("env: SUPPORT_CONCURRENCY; default: 64"))
        #expect(text.contains("--dry-run"))
    }
}
