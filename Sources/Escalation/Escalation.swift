// Module Escalation: see README.md for its place in the architecture.
