#ifndef MLAUDIT_CLIBCRYPTO_SHIM_H
#define MLAUDIT_CLIBCRYPTO_SHIM_H
#include <openssl/evp.h>
#endif
