import Testing

@Test func placeholderKravStoreTests() {}
