/// One option of a command: `--name value` (or `--name=value`), or a `--flag`, each also
/// settable by an environment variable.
public struct OptionSpec: Sendable {
    /// How the option takes its value.
    public enum Kind: Sendable {
        /// Takes a value; `placeholder` names it in help (`URL`, `N`).
        case value(placeholder: String)
        /// A boolean switch; the environment variable takes `1/true/yes` or `0/false/no`.
        case flag
    }

    /// Long name without dashes (`database-url`).
    public var name: String
    /// Environment variable that sets it when the flag is absent (`SUPPORT_DATABASE_URL`).
    public var environment: String?
    public var kind: Kind
    /// One line of help.
    public var help: String
    /// The value used when neither the flag nor the variable is given (shown in help).
    public var defaultValue: String?

    public init(_ name: String, env: String? = nil, kind: Kind = .value(placeholder: "VALUE"), help: String, default defaultValue: String? = nil) {
        self.name = name
        self.environment = env
        self.kind = kind
        self.help = help
        self.defaultValue = defaultValue
    }

    /// A boolean flag.
    public static func flag(_ name: String, env: String? = nil, help: String) -> OptionSpec {
        OptionSpec(name, env: env, kind: .flag, help: help)
    }
}

/// A subcommand: its name, what it does, its options.
public struct CommandSpec: Sendable {
    public var name: String
    /// One line for the command list.
    public var summary: String
    /// Longer help shown by `<command> --help`.
    public var discussion: String
    public var options: [OptionSpec]
    /// Whether plain (non-option) arguments are accepted, and what they are called.
    public var positional: String?

    public init(name: String, summary: String, discussion: String = "", options: [OptionSpec], positional: String? = nil) {
        self.name = name
        self.summary = summary
        self.discussion = discussion
        self.options = options
        self.positional = positional
    }
}
