// Module RefundPolicy: see README.md for its place in the architecture.
