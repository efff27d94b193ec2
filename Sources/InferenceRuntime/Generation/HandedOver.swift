/// A value that is not `Sendable` moving to another thread for one step of work and back: the
/// sender awaits the step before it uses the value again, so only one side ever touches it.
/// (A generation's `KeyValueCache` travels this way to the compute pool for each model step.)
struct HandedOver<Value>: @unchecked Sendable {
    // @unchecked Sendable: the one who creates the box awaits every closure that uses it before
    // using the value itself; the value is never used from two places at once.
    let value: Value

    init(_ value: Value) { self.value = value }
}
