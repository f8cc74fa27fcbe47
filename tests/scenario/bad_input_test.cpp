// tests/scenario/bad_input_test.cpp: bad-input fixtures and their exact
// messages (filled in next).
