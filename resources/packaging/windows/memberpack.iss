; Inno Setup script: a per-user installer for the app folder built by PyInstaller
; (resources/packaging/memberpack.spec). Needs no admin rights: it installs under the user's
; own Programs folder and registers the .mpack file type for this user only (HKCU).
; Build on Windows: iscc /DAppVersion=0.1.0 resources\packaging\windows\memberpack.iss
; For IT teams: the same folder can be wrapped in an MSI (WiX) or deployed by Intune; see README.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6A0E5C1B-9B8F-4F51-8C3A-2E6D8E1B7A11}
AppName=memberpack
AppVersion={#AppVersion}
AppPublisher=memberpack
DefaultDirName={autopf}\memberpack
DefaultGroupName=memberpack
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ChangesAssociations=yes
DisableProgramGroupPage=yes
OutputDir=..\..\..\build\installer
OutputBaseFilename=memberpack-{#AppVersion}-setup
SetupIconFile=..\..\icons\memberpack.ico
UninstallDisplayIcon={app}\memberpack.exe
Compression=lzma2
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible

[Files]
Source: "..\..\..\build\dist\memberpack\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{autoprograms}\memberpack"; Filename: "{app}\memberpack.exe"

[Registry]
Root: HKA; Subkey: "Software\Classes\.mpack"; ValueType: string; ValueName: ""; ValueData: "memberpack.pack"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\memberpack.pack"; ValueType: string; ValueName: ""; ValueData: "memberpack briefing pack"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\memberpack.pack\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\memberpack.exe,0"
Root: HKA; Subkey: "Software\Classes\memberpack.pack\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\memberpack.exe"" ""%1"""

[Run]
Filename: "{app}\memberpack.exe"; Description: "Open memberpack"; Flags: nowait postinstall skipifsilent
