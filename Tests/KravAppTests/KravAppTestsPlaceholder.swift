import Testing

@Test func placeholderKravAppTests() {}
