// KravApp module.
