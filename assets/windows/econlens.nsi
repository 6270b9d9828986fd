; The Windows installer of EconLens, built on any system with NSIS's makensis
; (Debian's `nsis` package; the GitHub workflow's Windows runner has it too):
;
;   makensis -DVERSION=0.1.0 -DSTAGE=<folder with the files> -DOUTFILE=<setup.exe> assets/windows/econlens.nsi
;
; .ci/windows/package.sh stages the files (econlens.exe, econlens.com,
; README.md, the licences) and runs it. The installer is per user: it needs
; no administrator rights, installs to %LOCALAPPDATA%\Programs\EconLens,
; writes only under HKEY_CURRENT_USER, and `/S` installs silently.
; Components: the program with its Start-menu shortcut (required), and
; opening .ron data files with EconLens from Explorer (on by default).

Unicode true
Target amd64-unicode
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma

!ifndef VERSION
  !error "makensis -DVERSION=x.y.z is required"
!endif
!ifndef STAGE
  !error "makensis -DSTAGE=folder is required"
!endif
!ifndef OUTFILE
  !define OUTFILE "EconLens-${VERSION}-setup.exe"
!endif

!define PRODUCT "EconLens"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\EconLens"
!define APP_PATHS_KEY "Software\Microsoft\Windows\CurrentVersion\App Paths\econlens.exe"
!define PROGID "EconLens.ron"

!include "MUI2.nsh"
!include "FileFunc.nsh"

Name "${PRODUCT}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\EconLens"
InstallDirRegKey HKCU "Software\EconLens" "InstallDir"
BrandingText "${PRODUCT} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "${PRODUCT} setup"
VIAddVersionKey /LANG=0 "CompanyName" "EconLens developers"
VIAddVersionKey /LANG=0 "LegalCopyright" "EconLens developers, MIT OR Apache-2.0"

!define MUI_ICON "${STAGE}\econlens.ico"
!define MUI_UNICON "${STAGE}\econlens.ico"
!define MUI_ABORTWARNING
!define MUI_COMPONENTSPAGE_NODESC
!define MUI_FINISHPAGE_RUN "$INSTDIR\econlens.exe"

!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; English first: the installer speaks the system's language when it has it,
; else the first one.
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "SimpChinese"

LangString NAME_MAIN ${LANG_ENGLISH} "EconLens (program and Start-menu shortcut)"
LangString NAME_MAIN ${LANG_SIMPCHINESE} "EconLens（程序与开始菜单快捷方式）"
LangString NAME_ASSOC ${LANG_ENGLISH} "Open .ron data files with EconLens"
LangString NAME_ASSOC ${LANG_SIMPCHINESE} "用 EconLens 打开 .ron 数据文件"
LangString TYPE_NAME ${LANG_ENGLISH} "EconLens data file"
LangString TYPE_NAME ${LANG_SIMPCHINESE} "EconLens 数据文件"

Section "!$(NAME_MAIN)" SecMain
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "${STAGE}\econlens.exe"
  File "${STAGE}\econlens.com"
  File "${STAGE}\README.md"
  File "${STAGE}\LICENSE-MIT.txt"
  File "${STAGE}\LICENSE-APACHE.txt"
  File "${STAGE}\OFL.txt"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\EconLens.lnk" "$INSTDIR\econlens.exe" "" "$INSTDIR\econlens.exe" 0

  WriteRegStr HKCU "Software\EconLens" "InstallDir" "$INSTDIR"
  ; Win+R econlens, and "Open with" find the exe.
  WriteRegStr HKCU "${APP_PATHS_KEY}" "" "$INSTDIR\econlens.exe"
  WriteRegStr HKCU "${APP_PATHS_KEY}" "Path" "$INSTDIR"
  ; Settings → Apps lists it, with its uninstaller.
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "EconLens developers"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\econlens.exe,0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0
SectionEnd

Section "$(NAME_ASSOC)" SecAssoc
  ; A ProgID of our own; .ron points to it only when no other program owns
  ; .ron, and EconLens is always offered under "Open with".
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "$(TYPE_NAME)"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\econlens.exe,0"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\econlens.exe" "%1"'
  WriteRegStr HKCU "Software\Classes\.ron\OpenWithProgids" "${PROGID}" ""
  ReadRegStr $0 HKCU "Software\Classes\.ron" ""
  StrCmp $0 "" 0 +2
    WriteRegStr HKCU "Software\Classes\.ron" "" "${PROGID}"
  WriteRegStr HKCU "Software\Classes\Applications\econlens.exe\SupportedTypes" ".ron" ""
  WriteRegStr HKCU "Software\Classes\Applications\econlens.exe\shell\open\command" "" '"$INSTDIR\econlens.exe" "%1"'
  WriteRegDWORD HKCU "Software\EconLens" "AssociatedRon" 1
  ; SHCNE_ASSOCCHANGED: Explorer shows the new icon at once.
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\EconLens.lnk"
  Delete "$INSTDIR\econlens.exe"
  Delete "$INSTDIR\econlens.com"
  Delete "$INSTDIR\README.md"
  Delete "$INSTDIR\LICENSE-MIT.txt"
  Delete "$INSTDIR\LICENSE-APACHE.txt"
  Delete "$INSTDIR\OFL.txt"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"

  ; The association, where it is still ours.
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  DeleteRegValue HKCU "Software\Classes\.ron\OpenWithProgids" "${PROGID}"
  DeleteRegKey /ifempty HKCU "Software\Classes\.ron\OpenWithProgids"
  ReadRegStr $0 HKCU "Software\Classes\.ron" ""
  StrCmp $0 "${PROGID}" 0 +2
    DeleteRegValue HKCU "Software\Classes\.ron" ""
  DeleteRegKey /ifempty HKCU "Software\Classes\.ron"
  DeleteRegKey HKCU "Software\Classes\Applications\econlens.exe"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  DeleteRegKey HKCU "${APP_PATHS_KEY}"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\EconLens"
  ; The window's settings, start log and graphics choice (never data files).
  RMDir /r "$APPDATA\econlens"
SectionEnd
