/// Parses a subcommand's arguments: flags win over environment variables, which win over
/// defaults. `--help`/`-h` is reported as `.help`.
public enum CommandLineParser {
    /// What the arguments ask for.
    public enum Outcome: Sendable {
        case run(ParsedOptions)
        case help
    }

    public static func parse(
        _ arguments: [String], environment: [String: String], command: CommandSpec
    ) throws(CommandLineError) -> Outcome {
        let byName = Dictionary(uniqueKeysWithValues: command.options.map { ($0.name, $0) })
        var values: [String: (value: String, source: ParsedOptions.Source)] = [:]
        var positional: [String] = []
        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            i += 1
            if argument == "--help" || argument == "-h" { return .help }
            if argument == "--" {
                positional += arguments[i...]
                break
            }
            guard argument.hasPrefix("--") else {
                guard command.positional != nil else {
                    throw CommandLineError(
                        .unexpectedArgument,
                        "\(command.name) takes no argument \"\(argument)\"; see `\(command.name) --help`")
                }
                positional.append(argument)
                continue
            }
            var name = String(argument.dropFirst(2))
            var inlineValue: String?
            if let eq = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            guard let spec = byName[name] else {
                let suggestion = closest(name, among: Array(byName.keys)).map { " (did you mean --\($0)?)" } ?? ""
                throw CommandLineError(
                    .unknownOption, "unknown option --\(name) for \(command.name)\(suggestion); see `\(command.name) --help`")
            }
            switch spec.kind {
            case .flag:
                if let inlineValue {
                    guard let b = boolean(inlineValue) else {
                        throw CommandLineError(.invalidValue, "--\(name) takes true or false, got \"\(inlineValue)\"")
                    }
                    values[name] = (b ? "true" : "false", .flag)
                } else {
                    values[name] = ("true", .flag)
                }
            case .value:
                if let inlineValue {
                    values[name] = (inlineValue, .flag)
                } else {
                    guard i < arguments.count, !arguments[i].hasPrefix("--") else {
                        throw CommandLineError(.missingValue, "--\(name) needs a value")
                    }
                    values[name] = (arguments[i], .flag)
                    i += 1
                }
            }
        }
        for spec in command.options where values[spec.name] == nil {
            if let variable = spec.environment, let raw = environment[variable], !raw.isEmpty {
                if case .flag = spec.kind {
                    guard let b = boolean(raw) else {
                        throw CommandLineError(.invalidValue, "\(variable) must be true or false, got \"\(raw)\"")
                    }
                    values[spec.name] = (b ? "true" : "false", .environment(variable))
                } else {
                    values[spec.name] = (raw, .environment(variable))
                }
            } else if let d = spec.defaultValue {
                values[spec.name] = (d, .defaultValue)
            }
        }
        return .run(ParsedOptions(values: values, positional: positional))
    }

    /// Help text for one command: usage, discussion, options with their variables and defaults.
    public static func help(for command: CommandSpec, executable: String) -> String {
        var out = "USAGE: \(executable) \(command.name) [options]"
        if let p = command.positional { out += " [\(p)]" }
        out += "\n\n\(command.summary)\n"
        if !command.discussion.isEmpty { out += "\n\(command.discussion)\n" }
        out += "\nOPTIONS:\n"
        for spec in command.options {
            var left = "  --\(spec.name)"
            if case .value(let placeholder) = spec.kind { left += " <\(placeholder)>" }
            out += left + "\n"
            out += "        \(spec.help)\n"
            var details: [String] = []
            if let env = spec.environment { details.append("env: \(env)") }
            if let d = spec.defaultValue { details.append("default: \(d)") }
            if !details.isEmpty { out += "        (\(details.joined(separator: "; ")))\n" }
        }
        out += "  -h, --help\n        Show this help.\n"
        return out
    }

    static func boolean(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "1", "true", "yes", "on": true
        case "0", "false", "no", "off": false
        default: nil
        }
    }

    /// The option name closest to a mistyped one (edit distance ≤ 2).
    static func closest(_ name: String, among names: [String]) -> String? {
        func distance(_ a: [Character], _ b: [Character]) -> Int {
            var previous = Array(0...b.count)
            for (i, ca) in a.enumerated() {
                var current = [i + 1]
                for (j, cb) in b.enumerated() {
                    current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1)))
                }
                previous = current
            }
            return previous[b.count]
        }
        let scored = names.map { ($0, distance(Array(name), Array($0))) }.filter { $0.1 <= 2 }
        return scored.min { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }?.0
    }
}
