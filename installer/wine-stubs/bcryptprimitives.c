/* bcryptprimitives.dll for Wine test prefixes only -- never shipped.  Rust's standard library
 * (cryptography's _rust.pyd) takes its random bytes from ProcessPrng, which Wine 8 does not
 * have, so the extension does not load.  This one draws them from RtlGenRandom
 * (advapi32!SystemFunction036), which Wine has. */
#include <windows.h>
#define RtlGenRandom SystemFunction036
BOOLEAN WINAPI RtlGenRandom(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len) {
        ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!RtlGenRandom(data, n)) return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;
}
