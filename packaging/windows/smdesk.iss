; Inno Setup 6 script: a per-user smdesk installer that needs no administrator rights.
;   iscc /DAppVersion=0.1.0 packaging\windows\smdesk.iss      (after packaging/build.sh)
; -> dist\smdesk-0.1.0-windows-x64-setup.exe. The release workflow (.github/workflows/release.yml)
; runs exactly this; with /DSign and /Ssmdesk="signtool sign ... $f" it signs the installer and
; the uninstaller too (packaging/README.md, "Signing").
#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z packaging\windows\smdesk.iss
#endif

[Setup]
; Never change AppId: Windows finds the installed version (for updates and the uninstaller) by it.
AppId={{5C0F3E4A-6A1B-4C7D-9E2F-8B3A1D6C4E70}
AppName=smdesk
AppVersion={#AppVersion}
AppVerName=smdesk {#AppVersion}
AppPublisher=The smdesk developers
; Per user, no UAC prompt: {autopf} is %LOCALAPPDATA%\Programs when not elevated.
PrivilegesRequired=lowest
DefaultDirName={autopf}\smdesk
DisableProgramGroupPage=yes
DisableDirPage=auto
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
SourceDir=..\..
OutputDir=dist
OutputBaseFilename=smdesk-{#AppVersion}-windows-x64-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayName=smdesk
UninstallDisplayIcon={app}\smdesk.exe
; The file associations below take effect without logging out.
ChangesAssociations=yes
; Close a running smdesk before replacing its files.
CloseApplications=yes
#ifdef Sign
SignTool=smdesk
SignedUninstaller=yes
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The windowed smdesk.exe only: smdesk-cli.exe (console, for the CI smoke test) stays out, so
; users never see a console window or two look-alike programs.
Source: "dist\smdesk\*"; DestDir: "{app}"; Excludes: "smdesk-cli.exe"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\smdesk"; Filename: "{app}\smdesk.exe"; Comment: "Transcribe interviews with speaker labels"
Name: "{autodesktop}\smdesk"; Filename: "{app}\smdesk.exe"; Tasks: desktopicon

[Registry]
; "Open with" for audio and video, per user (HKA = HKCU here). smdesk is offered, never made the
; default: OpenWithProgids adds it to the list without taking the file type over.
Root: HKA; Subkey: "Software\Classes\smdesk.recording"; ValueType: string; ValueData: "Recording to transcribe"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\smdesk.recording\DefaultIcon"; ValueType: string; ValueData: "{app}\smdesk.exe,0"
Root: HKA; Subkey: "Software\Classes\smdesk.recording\shell\open"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "smdesk"
Root: HKA; Subkey: "Software\Classes\smdesk.recording\shell\open\command"; ValueType: string; ValueData: """{app}\smdesk.exe"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\smdesk.exe"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "smdesk"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\smdesk.exe\shell\open\command"; ValueType: string; ValueData: """{app}\smdesk.exe"" ""%1"""
; Exactly the types smdesk accepts (smdesk/media.py; tests/test_packaging.py keeps them equal).
Root: HKA; Subkey: "Software\Classes\.wav\OpenWithProgids"; ValueType: string; ValueName: "smdesk.recording"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Applications\smdesk.exe\SupportedTypes"; ValueType: string; ValueName: ".wav"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\.mp3\OpenWithProgids"; ValueType: string; ValueName: "smdesk.recording"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Applications\smdesk.exe\SupportedTypes"; ValueType: string; ValueName: ".mp3"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\.mpga\OpenWithProgids"; ValueType: string; ValueName: "smdesk.recording"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Applications\smdesk.exe\SupportedTypes"; ValueType: string; ValueName: ".mpga"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\.aac\OpenWithProgids"; ValueType: string; ValueName: "smdesk.recording"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Applications\smdesk.exe\SupportedTypes"; ValueType: string; ValueName: ".aac"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\.ogg\OpenWithProgids"; ValueType: string; ValueName: "smdesk.recording"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Applications\smdesk.exe\SupportedTypes"; ValueType: string; ValueName: ".ogg"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\.oga\OpenWithProgids"; ValueType: string; ValueName: "smdesk.recording"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Applications\smdesk.exe\SupportedTypes"; ValueType: string; ValueName: ".oga"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\.opus\OpenWithProgids"; ValueType: string; ValueName: "smdesk.recording"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Applications\smdesk.exe\SupportedTypes"; ValueType: string; ValueName: ".opus"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\.amr\OpenWithProgids"; ValueType: string; ValueName: "smdesk.recording"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Applications\smdesk.exe\SupportedTypes"; ValueType: string; ValueName: ".amr"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\.m4a\OpenWithProgids"; ValueType: string; ValueName: "smdesk.recording"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Applications\smdesk.exe\SupportedTypes"; ValueType: string; ValueName: ".m4a"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\.flac\OpenWithProgids"; ValueType: string; ValueName: "smdesk.recording"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Applications\smdesk.exe\SupportedTypes"; ValueType: string; ValueName: ".flac"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\.mpeg\OpenWithProgids"; ValueType: string; ValueName: "smdesk.recording"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Applications\smdesk.exe\SupportedTypes"; ValueType: string; ValueName: ".mpeg"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\.mpg\OpenWithProgids"; ValueType: string; ValueName: "smdesk.recording"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Applications\smdesk.exe\SupportedTypes"; ValueType: string; ValueName: ".mpg"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\.mp4\OpenWithProgids"; ValueType: string; ValueName: "smdesk.recording"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Applications\smdesk.exe\SupportedTypes"; ValueType: string; ValueName: ".mp4"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\.m4v\OpenWithProgids"; ValueType: string; ValueName: "smdesk.recording"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Applications\smdesk.exe\SupportedTypes"; ValueType: string; ValueName: ".m4v"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\.mov\OpenWithProgids"; ValueType: string; ValueName: "smdesk.recording"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Applications\smdesk.exe\SupportedTypes"; ValueType: string; ValueName: ".mov"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\.mkv\OpenWithProgids"; ValueType: string; ValueName: "smdesk.recording"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Applications\smdesk.exe\SupportedTypes"; ValueType: string; ValueName: ".mkv"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\.webm\OpenWithProgids"; ValueType: string; ValueName: "smdesk.recording"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Applications\smdesk.exe\SupportedTypes"; ValueType: string; ValueName: ".webm"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\.avi\OpenWithProgids"; ValueType: string; ValueName: "smdesk.recording"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Applications\smdesk.exe\SupportedTypes"; ValueType: string; ValueName: ".avi"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\.wmv\OpenWithProgids"; ValueType: string; ValueName: "smdesk.recording"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Applications\smdesk.exe\SupportedTypes"; ValueType: string; ValueName: ".wmv"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\.3gp\OpenWithProgids"; ValueType: string; ValueName: "smdesk.recording"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Applications\smdesk.exe\SupportedTypes"; ValueType: string; ValueName: ".3gp"; ValueData: ""

[Run]
Filename: "{app}\smdesk.exe"; Description: "{cm:LaunchProgram,smdesk}"; Flags: nowait postinstall skipifsilent
