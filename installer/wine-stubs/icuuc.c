/* icuuc.dll for Wine test prefixes only -- never shipped.  Qt 6 Core (6.10 too) imports ICU's
 * converter API from Windows' own icuuc.dll (Windows 10 1703+), which Wine 8 lacks, so
 * Qt6Core.dll does not load at all.  Here every converter is "unavailable": ucnv_open fails,
 * and Qt keeps to its built-in UTF-8/UTF-16/Latin-1 codecs. */
#include <stddef.h>
#define EXPORT __declspec(dllexport)
typedef int UErrorCode;                 /* ICU's enum */
#define U_FILE_ACCESS_ERROR 4

EXPORT void *ucnv_open(const char *name, UErrorCode *err)
{
    (void)name;
    if (err && *err <= 0) *err = U_FILE_ACCESS_ERROR;
    return NULL;
}
EXPORT int ucnv_countAvailable(void) { return 0; }
EXPORT const char *ucnv_getAvailableName(int n) { (void)n; return NULL; }
EXPORT const char *ucnv_getStandardName(const char *name, const char *standard, UErrorCode *err)
{
    (void)name; (void)standard;
    if (err && *err <= 0) *err = U_FILE_ACCESS_ERROR;
    return NULL;
}
/* the rest take an open converter, and there never is one */
EXPORT void ucnv_close(void *c) { (void)c; }
EXPORT void ucnv_reset(void *c) { (void)c; }
EXPORT signed char ucnv_getMaxCharSize(void *c) { (void)c; return 1; }
EXPORT const char *ucnv_getName(void *c, UErrorCode *e) { (void)c; (void)e; return NULL; }
EXPORT void ucnv_getToUCallBack(void) {}
EXPORT void ucnv_getFromUCallBack(void) {}
EXPORT void ucnv_setToUCallBack(void) {}
EXPORT void ucnv_setFromUCallBack(void) {}
EXPORT void ucnv_fromUnicode(void) {}
EXPORT void ucnv_toUnicode(void) {}
EXPORT int ucnv_toUCountPending(void) { return 0; }
EXPORT int ucnv_fromUCountPending(void) { return 0; }
EXPORT void ucnv_cbToUWriteUChars(void) {}
EXPORT void ucnv_cbFromUWriteUChars(void) {}
EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(void) {}
EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(void) {}
