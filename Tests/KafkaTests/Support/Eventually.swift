import Foundation
import Testing

/// Waits until `condition` holds, checking every 20 ms, for at most `limit`. Returns whether it
/// held; tests `#expect` the result, so a broken feature fails instead of hanging. The bound is
/// generous (the machine may be busy with other work): a passing test returns as soon as the
/// condition holds.
func eventually(
    within limit: Duration = .seconds(120), _ condition: @Sendable () throws -> Bool
) async rethrows -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now + limit
    while clock.now < deadline {
        if try condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return try condition()
}
