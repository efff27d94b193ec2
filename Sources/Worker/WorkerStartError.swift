/// The worker could not start.
public struct WorkerStartError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
