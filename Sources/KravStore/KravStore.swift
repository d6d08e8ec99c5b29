// KravStore module.
