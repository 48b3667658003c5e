/*
 * Stand-ins for the ICU converter functions Debian's libxml2 calls, linked into the
 * distribution binary instead of ICU itself (scripts/build-dist.sh, docs/install.md).
 *
 * libxml2 asks ICU for a converter only for a document encoding that it does not
 * handle itself and iconv does not know; mlaudit only writes UTF-8 XML. Every
 * converter request fails here the way a missing converter does in ICU, so libxml2
 * reports the encoding as unsupported, as a libxml2 built without ICU would, and the
 * binary is spared a second 30 MB copy of ICU's data (Foundation already links one,
 * under other symbol names).
 *
 * ICU_SUFFIX is the version suffix of the ICU that libxml2.a was built against
 * (`_72` on Debian 12), given by the build script.
 */
#define MLAUDIT_PASTE2(a, b) a##b
#define MLAUDIT_PASTE(a, b) MLAUDIT_PASTE2(a, b)
#define ICU(name) MLAUDIT_PASTE(name, ICU_SUFFIX)

typedef int UErrorCode;
enum { U_FILE_ACCESS_ERROR = 4 };

static void fail(UErrorCode *error) {
    if (error && *error <= 0) *error = U_FILE_ACCESS_ERROR;
}

void *ICU(ucnv_open)(const char *name, UErrorCode *error) {
    (void)name;
    fail(error);
    return 0;
}

void ICU(ucnv_close)(void *converter) { (void)converter; }

void ICU(ucnv_convertEx)(void *target_converter, void *source_converter, char **target, const char *target_limit,
                         const char **source, const char *source_limit, void *pivot_start, void **pivot_source,
                         void **pivot_target, const void *pivot_limit, signed char reset, signed char flush,
                         UErrorCode *error) {
    (void)target_converter; (void)source_converter; (void)target; (void)target_limit; (void)source;
    (void)source_limit; (void)pivot_start; (void)pivot_source; (void)pivot_target; (void)pivot_limit;
    (void)reset; (void)flush;
    fail(error);
}

void ICU(ucnv_setToUCallBack)(void *converter, void *action, const void *context, void **old_action,
                              const void **old_context, UErrorCode *error) {
    (void)converter; (void)action; (void)context; (void)old_action; (void)old_context;
    fail(error);
}

void ICU(ucnv_setFromUCallBack)(void *converter, void *action, const void *context, void **old_action,
                                const void **old_context, UErrorCode *error) {
    (void)converter; (void)action; (void)context; (void)old_action; (void)old_context;
    fail(error);
}

/* Only their addresses are taken, to install them as callbacks; they are never called. */
void ICU(UCNV_FROM_U_CALLBACK_STOP)(void) {}
void ICU(UCNV_TO_U_CALLBACK_STOP)(void) {}
