/* Test-only stand-in for bcryptprimitives.dll, which Wine 8.0 lacks: Rust's
 * standard library (>= 1.78) takes its random numbers from ProcessPrng there.
 * This forwards to advapi32's RtlGenRandom (SystemFunction036), which Wine
 * has. CI builds it with mingw and puts it beside the exe under Wine only;
 * it is never part of the zip or the installer. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
