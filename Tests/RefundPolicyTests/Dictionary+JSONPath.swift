extension Dictionary where Key == String, Value == Any {
    /// Reads or writes a value nested in JSON objects; writing nil removes it.
    subscript(path path: [String]) -> Any? {
        get {
            guard let first = path.first else { return nil }
            if path.count == 1 { return self[first] }
            return (self[first] as? [String: Any])?[path: Array(path.dropFirst())]
        }
        set {
            guard let first = path.first else { return }
            if path.count == 1 {
                self[first] = newValue
                return
            }
            var nested = self[first] as? [String: Any] ?? [:]
            nested[path: Array(path.dropFirst())] = newValue
            self[first] = nested
        }
    }
}
