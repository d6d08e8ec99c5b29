print("krav: not yet")
