print("runtime-bench: under construction")
