import Understanding

// Understanding errors say themselves whether retrying can help.
extension UnderstandingError: ClassifiedError {}
