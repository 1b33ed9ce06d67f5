import Testing

@Test("the reliability suite builds") func reliabilitySuiteBuilds() {}
