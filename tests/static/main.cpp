// The static tests are the static_asserts in this directory's other files: they passed when this
// program compiled. It exists so that CTest reports them with the other tests.
int main() { return 0; }
