print("krav-bench: not yet")
