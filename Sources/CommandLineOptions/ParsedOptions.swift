/// The values of a command's options after flags, environment and defaults were applied.
public struct ParsedOptions: Sendable {
    /// Where a value came from, for error messages.
    public enum Source: Sendable, Equatable {
        case flag, environment(String), defaultValue
    }

    var values: [String: (value: String, source: Source)]
    /// Plain arguments, in order.
    public var positional: [String]

    /// The raw value of `name`, or nil when unset and without a default.
    public func string(_ name: String) -> String? { values[name]?.value }

    /// The value of `name`, or an error naming the option when it is missing.
    public func required(_ name: String) throws(CommandLineError) -> String {
        guard let v = values[name]?.value, !v.isEmpty else {
            throw CommandLineError(.missingOption, "--\(name) is required")
        }
        return v
    }

    /// Whether flag `name` is on.
    public func flag(_ name: String) -> Bool { values[name]?.value == "true" }

    /// `name` as an integer within `range`, or nil when unset.
    public func int(_ name: String, in range: ClosedRange<Int> = Int.min...Int.max) throws(CommandLineError) -> Int? {
        guard let entry = values[name] else { return nil }
        guard let v = Int(entry.value), range.contains(v) else {
            throw CommandLineError(
                .invalidValue,
                "\(describe(name, entry.source)) must be an integer in \(range.lowerBound)...\(range.upperBound), got \"\(entry.value)\"")
        }
        return v
    }

    /// `name` as a number of seconds or milliseconds with a unit (`500ms`, `2s`, `1m`), or nil.
    public func duration(_ name: String) throws(CommandLineError) -> Duration? {
        guard let entry = values[name] else { return nil }
        let text = entry.value
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            if let n = Double(text.dropLast(suffix.count)), n >= 0, n.isFinite {
                return .milliseconds(Int64((n * scale * 1000).rounded()))
            }
        }
        throw CommandLineError(
            .invalidValue, "\(describe(name, entry.source)) must be a duration like 500ms, 5s or 1m, got \"\(text)\"")
    }

    /// `name` as one of `choices`, or nil when unset.
    public func choice(_ name: String, _ choices: [String]) throws(CommandLineError) -> String? {
        guard let entry = values[name] else { return nil }
        guard choices.contains(entry.value) else {
            throw CommandLineError(
                .invalidValue,
                "\(describe(name, entry.source)) must be one of \(choices.joined(separator: ", ")), got \"\(entry.value)\"")
        }
        return entry.value
    }

    /// Where `name`'s value came from.
    public func source(_ name: String) -> Source? { values[name]?.source }

    func describe(_ name: String, _ source: Source) -> String {
        switch source {
        case .flag: "--\(name)"
        case .environment(let variable): "--\(name) (from \(variable))"
        case .defaultValue: "--\(name) (default)"
        }
    }
}
