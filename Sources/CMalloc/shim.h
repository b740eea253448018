// glibc's allocator tuning (mallopt), used by TagKitTensor's HeapRetention. Other C libraries lack it.
#if __has_include(<malloc.h>)
#include <malloc.h>
#endif
