import Testing

@Test func placeholderKravCoreTests() {}
