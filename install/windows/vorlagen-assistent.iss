; Inno Setup 6 script: per-user installer of the Vorlagen-Assistent (no administrator rights).
;
; Built by scripts/build_bundle.py --installer, which passes the values below from pyproject.toml
; and the municipal profile (never edit a version here):
;   ISCC.exe /DAppVersion=1.0.0 /DAppVersionNumeric=1.0.0.0 /DCompany="Stadt Aachen"
;            /DBundleDir=…\dist\vorlagen-assistent /DSourceRoot=… /DOutputDir=… vorlagen-assistent.iss
; Reviewed against the Inno Setup 6 help: [Setup] PrivilegesRequired, ChangesAssociations,
; {autopf}/{autoprograms}, the HKA root key and the FAQ "How do I create a file association?".
; Saved as UTF-8 with BOM: Inno Setup reads a script without BOM in the ANSI code page, which
; would garble „Öffnen“, „prüfen“ and © in the wizard and the registry.

#if Ver < EncodeVer(6, 3, 0)
  #error Inno Setup 6.3 oder neuer nötig (x64compatible)
#endif
#ifndef AppVersion
  #error AppVersion fehlt: bitte über scripts/build_bundle.py --installer bauen
#endif
#ifndef AppVersionNumeric
  #error AppVersionNumeric fehlt: bitte über scripts/build_bundle.py --installer bauen
#endif
#ifndef Company
  #error Company fehlt: bitte über scripts/build_bundle.py --installer bauen
#endif
#ifndef BundleDir
  #error BundleDir fehlt: bitte über scripts/build_bundle.py --installer bauen
#endif
#ifndef SourceRoot
  #error SourceRoot fehlt: bitte über scripts/build_bundle.py --installer bauen
#endif
#ifndef OutputDir
  #error OutputDir fehlt: bitte über scripts/build_bundle.py --installer bauen
#endif

#define AppName "Vorlagen-Assistent"
#define AppExe "vorlagen-assistent.exe"
; One ProgID for the project file type; the ".1" is its version (Microsoft's ProgID rules).
#define ProgId "VorlagenAssistent.Projekt.1"

[Setup]
; Never change AppId: Setup finds an earlier installation (update, uninstall) by it.
AppId={{1B14B575-DCCA-475A-AC86-3671195A0293}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#Company}
AppCopyright=© {#Company}
VersionInfoVersion={#AppVersionNumeric}
VersionInfoCompany={#Company}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} – Installationsprogramm
; Per user, no UAC prompt: {autopf} is then %LOCALAPPDATA%\Programs, {autoprograms} the user's
; Start menu, HKA is HKEY_CURRENT_USER.
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#AppExe}
SetupIconFile={#SourceRoot}\resources\icons\vorlagen-assistent.ico
; Explorer refreshes icons and "Öffnen mit" after install and uninstall.
ChangesAssociations=yes
; The bundle is 64-bit (PyInstaller builds for the Python that runs it).
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; A running wizard holds its files open: Setup offers to close it (Restart Manager).
CloseApplications=yes
OutputDir={#OutputDir}
OutputBaseFilename=vorlagen-assistent-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no

[Languages]
Name: "german"; MessagesFile: "compiler:Languages\German.isl"

[Tasks]
Name: "desktopicon"; Description: "Verknüpfung auf dem &Desktop anlegen"; Flags: unchecked

[Files]
; The whole one-folder bundle: both programs and _internal\ (Python, Qt, resources).
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Ratsvorlagen schreiben, prüfen und als PDF exportieren"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; File type "Vorlagen-Assistent Projekt" with its own icon; a double-click opens the wizard.
; Windows decides a file's type by the text after the LAST dot only, so "*.vorlage.json" is a
; ".json" file to Explorer: the program registers as a handler for .json ("Öffnen mit") and
; never takes over .json from the editor the clerk already uses (docs/packaging.md).
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "Vorlagen-Assistent Projekt"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\_internal\resources\icons\vorlage-projekt.ico,0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.json\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".json"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "Vorlagen-Assistent jetzt starten"; Flags: nowait postinstall skipifsilent

; The uninstaller (Systemsteuerung › Programme, or the Start menu's app settings) removes the
; folder, the Start-menu entry and the registry keys above. Settings, autosave and the log live
; in the user's AppData (platformdirs) and stay, so a reinstall keeps them.
