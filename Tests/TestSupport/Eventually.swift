/// Waits for a condition instead of a fixed time: checks `condition` every `interval` until it
/// holds or `timeout` passes (generous bounds: the machine may be busy). Returns whether it held.
public func eventually(
    timeout: Duration = .seconds(120), interval: Duration = .milliseconds(20), _ condition: () async throws -> Bool
) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while true {
        if try await condition() { return true }
        guard ContinuousClock.now < deadline else { return false }
        try? await Task.sleep(for: interval)
    }
}
