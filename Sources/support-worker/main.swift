print("support-worker: under construction")
