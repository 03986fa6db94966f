// A shared library without gongwen's entry point: the host must refuse it by name.
extern "C" int not_a_gongwen_plugin() { return 42; }
