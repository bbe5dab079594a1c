/* uisettings.dll for Wine test prefixes only -- never shipped.  Qt 6.10's windows platform
 * plugin reads the accent and text colours through WinRT (Windows.UI.ViewManagement.UISettings,
 * Windows 10's own), which Wine 8 does not have: cppwinrt throws, nothing catches, the program
 * ends (0xC0000409) before its first window.  This activatable class answers IUISettings3::
 * GetColorValue with light-theme colours and refuses everything else politely.
 * Registered under HKLM\Software\Microsoft\WindowsRuntime\ActivatableClassId\
 * Windows.UI.ViewManagement.UISettings (DllPath) in the test prefix. */
#define COBJMACROS
#include <windows.h>
#include <unknwn.h>

static const GUID IID_IInspectable_ = {0xaf86e2e0, 0xb12d, 0x4c6a, {0x9c, 0x5a, 0xd7, 0xaa, 0x65, 0x10, 0x1e, 0x90}};
static const GUID IID_IActivationFactory_ = {0x00000035, 0x0000, 0x0000, {0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46}};
static const GUID IID_IUISettings_ = {0x85361600, 0x1c63, 0x4627, {0xbc, 0xb1, 0x3a, 0x89, 0xe0, 0xbc, 0x9c, 0x55}};
static const GUID IID_IUISettings3_ = {0x03021be4, 0x5254, 0x4781, {0x81, 0x94, 0x51, 0x68, 0xf7, 0xd0, 0x6d, 0x7b}};
static const GUID IID_IAgileObject_ = {0x94ea2b94, 0xe9cc, 0x49e0, {0xc0, 0xff, 0xee, 0x64, 0xca, 0x8f, 0x5b, 0x90}};

typedef struct { BYTE A, R, G, B; } Color;
typedef struct Obj { void **vtbl; } Obj;

static HRESULT STDMETHODCALLTYPE qi(Obj *self, REFIID riid, void **out);
static ULONG STDMETHODCALLTYPE addref(Obj *self) { (void)self; return 2; }   /* static objects */
static ULONG STDMETHODCALLTYPE release(Obj *self) { (void)self; return 1; }
static HRESULT STDMETHODCALLTYPE get_iids(Obj *s, ULONG *n, GUID **iids) { (void)s; *n = 0; *iids = NULL; return S_OK; }
static HRESULT STDMETHODCALLTYPE get_name(Obj *s, void **name) { (void)s; *name = NULL; return E_NOTIMPL; }
static HRESULT STDMETHODCALLTYPE get_trust(Obj *s, int *level) { (void)s; *level = 0; return S_OK; }
static HRESULT STDMETHODCALLTYPE notimpl(void) { return E_NOTIMPL; }

/* IUISettings3: GetColorValue, add_ColorValuesChanged, remove_ColorValuesChanged */
static HRESULT STDMETHODCALLTYPE get_color(Obj *s, int type, Color *out)
{
    (void)s;
    static const Color colors[] = {
        {255, 255, 255, 255}, /* Background */
        {255, 0, 0, 0},       /* Foreground */
        {255, 0, 0x3e, 0x92}, {255, 0, 0x51, 0xa8}, {255, 0, 0x67, 0xc0}, /* AccentDark3..1 */
        {255, 0, 0x78, 0xd4}, /* Accent */
        {255, 0x42, 0x9c, 0xe3}, {255, 0x76, 0xb9, 0xed}, {255, 0xa6, 0xd8, 0xff}, /* Light1..3 */
        {255, 0x84, 0x2b, 0x00}, /* Complement */
    };
    *out = colors[(type >= 0 && type < 10) ? type : 0];
    return S_OK;
}
static HRESULT STDMETHODCALLTYPE add_handler(Obj *s, void *handler, INT64 *token) { (void)s; (void)handler; *token = 1; return S_OK; }
static HRESULT STDMETHODCALLTYPE remove_handler(Obj *s, INT64 token) { (void)s; (void)token; return S_OK; }

static void *settings3_vtbl[] = {qi, addref, release, get_iids, get_name, get_trust,
                                 get_color, add_handler, remove_handler};
/* IUISettings (the default interface): 6 + 17 properties and methods, none answered */
static void *settings_vtbl[6 + 17] = {qi, addref, release, get_iids, get_name, get_trust};
static Obj settings = {settings_vtbl};
static Obj settings3 = {settings3_vtbl};

static HRESULT STDMETHODCALLTYPE qi(Obj *self, REFIID riid, void **out)
{
    (void)self;
    if (IsEqualGUID(riid, &IID_IUISettings3_)) { *out = &settings3; return S_OK; }
    if (IsEqualGUID(riid, &IID_IUnknown) || IsEqualGUID(riid, &IID_IInspectable_) ||
        IsEqualGUID(riid, &IID_IUISettings_) || IsEqualGUID(riid, &IID_IAgileObject_)) {
        *out = &settings; return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

/* the activation factory */
static HRESULT STDMETHODCALLTYPE f_qi(Obj *self, REFIID riid, void **out);
static HRESULT STDMETHODCALLTYPE activate(Obj *s, void **instance) { (void)s; *instance = &settings; return S_OK; }
static void *factory_vtbl[] = {f_qi, addref, release, get_iids, get_name, get_trust, activate};
static Obj factory = {factory_vtbl};
static HRESULT STDMETHODCALLTYPE f_qi(Obj *self, REFIID riid, void **out)
{
    (void)self;
    if (IsEqualGUID(riid, &IID_IUnknown) || IsEqualGUID(riid, &IID_IInspectable_) ||
        IsEqualGUID(riid, &IID_IActivationFactory_) || IsEqualGUID(riid, &IID_IAgileObject_)) {
        *out = &factory; return S_OK;
    }
    *out = NULL;
    return E_NOINTERFACE;
}

__declspec(dllexport) HRESULT WINAPI DllGetActivationFactory(void *class_id, void **out)
{
    (void)class_id;
    *out = &factory;
    return S_OK;
}
__declspec(dllexport) HRESULT WINAPI DllCanUnloadNow(void) { return S_FALSE; }

BOOL WINAPI DllMain(HINSTANCE h, DWORD reason, void *reserved)
{
    (void)h; (void)reason; (void)reserved;
    for (int i = 6; i < 6 + 17; i++) settings_vtbl[i] = (void *)notimpl;
    return TRUE;
}
