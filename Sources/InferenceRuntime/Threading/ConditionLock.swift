#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A pthread mutex with condition variables, for threads that must sleep until another thread
/// signals them (the `Mutex` of Synchronization has no condition variables).
///
/// `@unchecked Sendable`: the pthread objects are heap-allocated once, never moved, and only
/// touched through the pthread calls, which are thread-safe by contract.
final class ConditionLock: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let conditions: UnsafeMutablePointer<pthread_cond_t>
    private let conditionCount: Int

    /// Creates a mutex with `conditionCount` condition variables.
    init(conditionCount: Int = 1) {
        self.conditionCount = conditionCount
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
        conditions = .allocate(capacity: conditionCount)
        for index in 0..<conditionCount {
            (conditions + index).initialize(to: pthread_cond_t())
            pthread_cond_init(conditions + index, nil)
        }
    }

    deinit {
        for index in 0..<conditionCount { pthread_cond_destroy(conditions + index) }
        conditions.deinitialize(count: conditionCount)
        conditions.deallocate()
        pthread_mutex_destroy(mutex)
        mutex.deinitialize(count: 1)
        mutex.deallocate()
    }

    func lock() { pthread_mutex_lock(mutex) }

    func unlock() { pthread_mutex_unlock(mutex) }

    /// Runs `body` with the mutex held.
    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        lock()
        defer { unlock() }
        return try body()
    }

    /// Sleeps on condition `index` until signalled; the mutex must be held and is held again
    /// on return. Callers re-check their predicate (wake-ups may be spurious).
    func wait(_ index: Int = 0) { pthread_cond_wait(conditions + index, mutex) }

    /// Wakes every thread sleeping on condition `index`.
    func broadcast(_ index: Int = 0) { pthread_cond_broadcast(conditions + index) }

    /// Wakes one thread sleeping on condition `index`.
    func signal(_ index: Int = 0) { pthread_cond_signal(conditions + index) }
}
