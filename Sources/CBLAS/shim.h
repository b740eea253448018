// OpenBLAS's CBLAS interface (Debian: libopenblas-dev puts cblas.h on the multiarch include path).
#include <cblas.h>
// Thread control is OpenBLAS-specific and not declared by every cblas.h.
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);
char* openblas_get_corename(void);
