// bench/compile_time/main.cpp: the do-nothing main of ctnn_compile_time_check. The translation
// units beside it only have to compile; linking them into a program that CTest runs makes that a
// listed test (bench.compile_time), as tests/static does for its static_asserts.
int main() { return 0; }
