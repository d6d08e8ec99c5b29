// KravTestSupport module.
