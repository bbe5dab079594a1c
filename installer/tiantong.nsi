; 提案通 Windows installer (NSIS 3, 64-bit Unicode stubs).  Per-user: no administrator rights,
; installs under %LOCALAPPDATA%\Programs\提案通, registers itself in HKCU only.
;
;   makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DBUNDLE=build/windows/dist/tiantong \
;            -DICON=build/windows/work/tiantong/tiantong.ico -DOUTFILE=dist/tiantong-0.1.0-setup.exe \
;            installer/tiantong.nsi
;
; Silent:   tiantong-0.1.0-setup.exe /S [/D=C:\path]      (/D last, unquoted, as NSIS wants)
;           uninstall.exe /S [/REMOVEDATA]                 (the user's data stays unless asked)
Unicode true
Target amd64-unicode
SetCompressor /SOLID lzma
SetCompressorDictSize 64               ; MB: tian.exe and tiantong.exe carry the same 9 MB archive
ManifestDPIAware true

!ifndef VERSION
  !error "makensis -DVERSION=x.y.z"
!endif
!ifndef BUNDLE
  !error "makensis -DBUNDLE=<the PyInstaller one-folder bundle>"
!endif
!ifndef OUTFILE
  !define OUTFILE "tiantong-${VERSION}-setup.exe"
!endif

!ifdef ICON                               ; the program's own (the spec writes it)
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif

!define APPNAME "提案通"
!define APPKEY "tiantong"                 ; registry and uninstall key name
!define PUBLISHER "提案通"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPKEY}"
!define PROGID "Tiantong.Package"
!define DATADIR "$LOCALAPPDATA\tiantong"  ; platformdirs' user_data_path("tiantong") on Windows

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "WinVer.nsh"
!include "FileFunc.nsh"
!include "Sections.nsh"

Name "${APPNAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APPNAME}"
InstallDirRegKey HKCU "${UNINSTKEY}" "InstallLocation"
RequestExecutionLevel user
ShowInstDetails nevershow
ShowUninstDetails nevershow
BrandingText "${APPNAME} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APPNAME} 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "${PUBLISHER}"

!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\tiantong.exe"
!define MUI_FINISHPAGE_RUN_TEXT "启动提案通"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!define MUI_COMPONENTSPAGE_TEXT_TOP "卸载程序会删除提案通本身。您的提案数据库、设置和日志默认保留；如要一并删除，请勾选下面一项。"
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "SimpChinese"

Function .onInit
  ; Qt 6.10 supports Windows 10 1809 (build 17763) and later
  ${IfNot} ${AtLeastWin10}
  ${OrIfNot} ${AtLeastBuild} 17763
    MessageBox MB_OK|MB_ICONSTOP "提案通需要 Windows 10（1809 版）或更高版本的 64 位 Windows。$\r$\n此电脑的 Windows 版本过旧，无法安装。" /SD IDOK
    SetErrorLevel 3
    Quit
  ${EndIf}
FunctionEnd

Section "-${APPNAME}" SecMain
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  ; an update replaces the bundle whole: no stale library of the old version stays beside the new
  RMDir /r "$INSTDIR\_internal"
  File /r "${BUNDLE}/*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\tiantong.exe" "" "$INSTDIR\tiantong.exe" 0
  CreateShortcut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\tiantong.exe" "" "$INSTDIR\tiantong.exe" 0

  ; .tian exchange packages open with 提案通 (this user only)
  WriteRegStr HKCU "Software\Classes\.tian" "" "${PROGID}"
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "提案通交换包"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\tiantong.exe,0"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\tiantong.exe" "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'  ; SHCNE_ASSOCCHANGED

  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\tiantong.exe,0"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTKEY}" "EstimatedSize" $0
SectionEnd

; ---------------------------------------------------------------------------------- uninstaller

Section "-un.${APPNAME}" UnSecMain
  SetShellVarContext current
  Delete "$SMPROGRAMS\${APPNAME}.lnk"
  Delete "$DESKTOP\${APPNAME}.lnk"
  ; only what the installer put there: never RMDir /r $INSTDIR (a user may have chosen a
  ; folder that holds other things)
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\tiantong.exe"
  Delete "$INSTDIR\tian.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"

  ReadRegStr $0 HKCU "Software\Classes\.tian" ""
  ${If} $0 == "${PROGID}"
    DeleteRegKey HKCU "Software\Classes\.tian"
  ${EndIf}
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  DeleteRegKey HKCU "${UNINSTKEY}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

Section /o "un.同时删除我的数据（提案数据库、设置、日志）" UnSecData
  RMDir /r "${DATADIR}"
SectionEnd

Function un.onInit
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/REMOVEDATA" $1
  ${IfNot} ${Errors}
    !insertmacro SelectSection ${UnSecData}
  ${EndIf}
FunctionEnd
