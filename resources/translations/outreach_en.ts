<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>App</name>
    <message>
        <source>Outreach cannot start</source>
        <extracomment>The window and taskbar icon (``scripts/make_icon.py`` draws it; the bundle uses the .ico).</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AppLock</name>
    <message>
        <source>this computer</source>
        <extracomment>&quot;Change the PIN&quot;: the right current PIN leads to choosing a new one, not to the unlock the other windows of the app (dialogs, message boxes) and the opaque cover over each Ctrl+L is read by the event filter, not a QShortcut: a shortcut of the main window does not fire while a modal dialog is open, and the lock must come from any dialog too</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many wrong PINs: try again in %1 s.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AreasView</name>
    <message>
        <source>Only a team leader may change this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Areas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Targets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Take into my team&apos;s area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Release from my team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Residential &amp;groups and their team today:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;History of the selected group:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Văn Cao, ngõ 45 Đội Cấn (separate with commas)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start the outing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;End the outing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Who went:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Groups planned:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stree&amp;ts planned:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today&apos;s outing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;cent outings:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set t&amp;arget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remo&amp;ve the selected target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Measure:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;o:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tar&amp;get:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no team)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>my team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Residential group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Households outside every team&apos;s area today: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no group)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outing open since %1: %2 visits so far. Visits saved now belong to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No outing is open. Start one when the team sets out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who went</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visits</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CccdScanField</name>
    <message>
        <source>Click here and scan the QR code on the ID card (CCCD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan &amp;CCCD:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan CCCD (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put the cursor in the scan field, then scan the QR code on the card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Card read: %1. Check the fields below, then save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name and address have no diacritics: if the card prints them, the scanner is typing under a non-Vietnamese keyboard layout; set it right and scan again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <source>Record consent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 agrees that the ward keeps their details (ID numbers, date of birth, phone) for this purpose:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Help with online public services</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CoverageCharts</name>
    <message>
        <source>Households visited per residential group (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 12 weeks: visits and filings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ISO week</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CoverageView</name>
    <message>
        <source>Week</source>
        <extracomment>The team-area, outing and target tables (issue 12), after the ward&apos;s own. rows imported from the ward one-stop register (after the figures were asked again) (done, total) from the worker thread; Qt queues it to the GUI thread.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scope:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Excel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export follow-up list (names, phones)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a team leader may export personal data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Households visited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority households reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fee paid online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submitted online with the team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import one-stop register…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ward one-stop system&apos;s export of received dossiers (.xlsx or .csv) for the period shown: the team&apos;s share of the ward&apos;s online intake</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a team leader may import the one-stop register.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fully online (of online dossiers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid online (of dossiers with a fee)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result received electronically</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dossiers overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Residents 14+ at VNeID level 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-ups overdue / due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brought to VNeID level 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Satisfaction (1–5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By residential group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visit outcomes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filings by online level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filings by procedure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By volunteer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>12-week trend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By team area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volunteers in the team area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outings per week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reached per outing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Targets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volunteer: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ward one-stop register: not imported for this period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ward one-stop register (%1/%2 days imported): the team&apos;s share of the ward&apos;s online intake %3 · the team&apos;s online dossiers found in it %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Residential group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Households</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority visited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With dossier code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volunteer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fully online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the area (visited/households)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of the area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ward (visited/households)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share of the ward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outside every team&apos;s area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People helped with a dossier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reached/target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export coverage report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export follow-up list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protect the follow-up list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The list holds residents&apos; names and phones. Choose a password of at least %1 characters; the file opens only with it. Tell it to whoever receives the file separately.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Without a password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import the ward one-stop register</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing the one-stop register…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported %1 dossiers (%2 online) of the one-stop register</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>dd/mm/yyyy</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DiscardGuard</name>
    <message>
        <source>Discard what you typed?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This form has changes that are not saved. Close it and lose them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message>
        <source>Possible duplicates</source>
        <extracomment>the pairs this list showed (the main window counts the others as new) pairs shown before (this session): the others are marked new</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same family (or person) may have been registered twice, on two laptops or with the address typed differently. Compare the two records; keep one and merge the other into it, or say they are not the same (no leader is asked again).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for duplicates…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep record &amp;1, merge 2 into it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep record &amp;2, merge 1 into it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Not the same</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the value of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Values that differ (the more recent one is kept unless you choose):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo merge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merges of the last 7 days (can be undone):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How sure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 household pairs and %2 resident pairs to look at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No possible duplicates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merged at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Can be undone until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Residential group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Elderly living alone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy family</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Poor household</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personal ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Old ID (9 digits)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address on the card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relation to head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VNeID level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent withdrawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Something went wrong inside Outreach. Nothing you typed was lost; the details were written to the log file. Please tell the ward office if it happens again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outreach</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FileDialogs</name>
    <message>
        <source>Export finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilingTermsPanel</name>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — fee: %2 · processing time: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — this procedure is not filed this way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to pay by this channel, so it cannot be marked paid online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Papers to submit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Papers to show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The catalogue lists no papers for this procedure.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FilingsModel</name>
    <message>
        <source>Procedure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Portal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dossier code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fee paid online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the household</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FlagDialog</name>
    <message>
        <source>Flag for correction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What should the volunteer correct in the visit to %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say what needs correcting.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FollowUpModel</name>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Household</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FollowUpsView</name>
    <message>
        <source>&amp;Open visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mark revisit done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 dossiers past their expected result date: look them up on the portal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dossier code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result expected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Household</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 returned by the leader · %2 overdue · %3 due this week</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HouseholdDetailView</name>
    <message>
        <source>Choose a household from the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit household</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;visit here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Born</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personal ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VNeID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add resident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit resi&amp;dent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record &amp;consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Withdraw consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volunteer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Residents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open follow-ups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visit history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>phone %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>priority: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>withdrawn %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>given %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>revisit on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>returned by the leader: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraw consent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdrawing consent erases this person&apos;s name, date of birth, ID numbers and phone. Visits and statistics are kept. Continue?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraw and erase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HouseholdDialog</name>
    <message>
        <source>Edit household</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register a household</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 12</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Ngách 4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Ngõ 12</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Đội Cấn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no group)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Elderly person living alone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Person with &amp;disability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Policy family</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;oor or near-poor household</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head of ho&amp;usehold:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Othe&amp;r address details:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>House &amp;number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Alley (ngách):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lane (ngõ):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Street:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hamlet / &amp;village:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Residential &amp;group:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;hone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No&amp;tes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the existing household</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register a new one anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Household already registered?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HouseholdTableModel</name>
    <message>
        <source>Head of household</source>
        <extracomment>Column → sort key understood by ``list_household_ids`` (sorting happens in SQL). Emitted on the GUI thread each time a page of rows arrived (tests wait on it).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Residential group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of residents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head</source>
        <comment>column header: head of household</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <comment>column header: residential group</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Res.</source>
        <comment>column header: number of residents (short)</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HouseholdsView</name>
    <message>
        <source>Search by name, address, phone or ID number — accents optional</source>
        <extracomment>What the address column must show whole before other columns give way: a typical ngõ/ngách address. The columns folded away, first to last, when the table is too narrow for them and that address (a 1366×768 laptop at 125 %): the phone and the group are on the detail pane beside it. The head&apos;s name, the address and the last visit always stay. (household id, label) — the main window switches to New visit with this household. Emitted when a search or listing has been applied to the table (tests wait on it).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Register household</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import list…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import households from a residential group&apos;s spreadsheet (XLSX or CSV)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan CCCD (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan the QR code on an ID card: register a new household or add the person to the selected one (you are asked which)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (showing the best %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 households match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 households in the ward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected household: %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address on the card: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The addresses match.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The addresses differ.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanned: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where does this person belong?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add to the selected household</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register a new household</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import households</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(from the file&apos;s group column)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spreadsheet (.xlsx or .csv):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group for rows without one:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Columns are recognised by their Vietnamese headers (see docs/import-format.md); check the mapping below and change it where needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Means</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also import rows at an address that already has a household</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save rejected rows…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the household list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv *.txt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no header)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(ignore)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rows read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking rows…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rows: %2 ready, %3 with errors, %4 duplicates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix the rows with errors in the file, then choose it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported %1 households; %2 duplicates skipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save rejected rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rows saved to %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>Outreach is locked</source>
        <extracomment>What a person does: these restart the idle clock, and are swallowed outside the lock screen.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a PIN for Outreach</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the PIN of %1 to go on. Syncing goes on while the app is locked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer holds residents&apos; personal data: choose a PIN of %2 to %3 digits. Outreach asks it at start, after %4 minutes without use and on Ctrl+L. It is kept only as a hash in the system keyring; nobody can read it back, so remember it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same PIN again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set PIN and open</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Households</source>
        <extracomment>Thread-safe entry for the sync engine: emit from anywhere, rendered on the GUI thread. (Changes, initiator): what a write changed, sent to every screen built so far; each one decides from it whether to reload (``apply_changes``), so no list here says who shows what. a duplicate scan finished: how many pairs wait for the leader the PIN lock over every screen and dialog; off until ``start_app_lock`` (``app.run``)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weekly log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Procedures &amp; QR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outreach — online public services at home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outreach hand-over files (*.handover)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Possible duplicates: %1 (%2 new)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Possible duplicates: %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no team member set)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo profile, NOT encrypted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teams &amp; areas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncs over UNENCRYPTED http://</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not yet sent…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is saved on this computer but not yet on the ward server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync problems…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Households or residents that may have been registered twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer&apos;s data was destroyed</source>
        <extracomment>pairs the leader has had in front of them this session: the others are &quot;new&quot;</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ward office reported this computer lost or stolen. Its Outreach data — the database, its key, the backups and the exports it made — has been destroyed. Outreach closes now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close Outreach</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save unsent changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer can no longer sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ward office has revoked this computer&apos;s access. Nothing on it was deleted. Export the unsent changes to hand them over, and wipe this computer&apos;s Outreach data if the office asked you to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export unsent changes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wipe this computer&apos;s data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 unsent changes saved to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wipe this computer&apos;s data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete this profile&apos;s database and its key from this computer? Changes that were never sent are lost unless you exported them. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wipe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Protect the hand-over file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file holds residents&apos; personal data. Choose a passphrase of at least %1 characters and tell it to the ward office separately (not in the same message as the file).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Repeat it:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passphrase needs at least %1 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlanModel</name>
    <message>
        <source>Household</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlanTab</name>
    <message>
        <source>&amp;Team:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D&amp;ay:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Print route sheet…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done (D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody at home (V)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop from today (Del)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys on the list: D or Space done · V nobody at home · Delete drop (leader)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore to today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer belongs to no team yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 households · %2 done · %3 nobody at home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the team has no area yet: the whole ward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dropped from today: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print route sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProceduresView</name>
    <message>
        <source>Filter by name or code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Filter:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The resident scans this code with their phone camera to open the procedure on the national public service portal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code %1 · %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This procedure&apos;s code is not confirmed yet, so no QR code is shown.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReachListsView</name>
    <message>
        <source>&amp;List:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Within:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The team&apos;s area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whole ward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;rea:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add to today&apos;s plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renew by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register birth by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reaches the age on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CMND valid until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Born</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the whole ward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the team&apos;s area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rows · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added to today&apos;s plan: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResidentDialog</name>
    <message>
        <source>Edit resident</source>
        <extracomment>the scanned card&apos;s issue date, kept like its address (the reach lists compute renewal from it)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a resident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not given)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>12 digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>choose or type the relation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The resident &amp;agrees that the ward keeps these details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Help with online public services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(filled from a scanned card)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The permanent address printed on the ID card, kept as printed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Full name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of &amp;birth:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sex:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Personal ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Old ID (CMND):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Relation to head:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;hone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;VNeID level:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address on the card:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;urpose:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the existing person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go back and correct</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare with the ID card before saving.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The household already has a head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make this person the head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose another relation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The current head&apos;s relation becomes “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RestampPrompt</name>
    <message>
        <source>Send the held-back changes again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not accept some unsent changes because they were saved while this computer&apos;s clock was ahead. The clock looks right now: give them the current time and send them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix the times and send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is lost: the changes keep their order.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScanDialog</name>
    <message>
        <source>Scan an ID card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Point the scanner at the QR code on the card. Nothing is saved until you check and save the form.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Window size and position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last screen shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Households list and detail sizes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <source>Language</source>
        <extracomment>Typing pause after which the code field is checked for a scanned enrolment link. &quot;Change PIN…&quot;: the window&apos;s app lock asks the current PIN, then the new one</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The change applies at once and is remembered for the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is a demo profile with synthetic data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the &amp;PIN…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app lock&apos;s PIN, asked at start, after 10 idle minutes and on Ctrl+L</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>App lock:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ward server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One-time code from the ward office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only if the ward uses its own certificate (.pem)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Enrol this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server &amp;address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrolment &amp;code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server ce&amp;rtificate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrol a &amp;team member&apos;s laptop…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer is enrolled with %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypted (key kept in the system keyring)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NOT encrypted — demo data only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encryption:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the server address and the one-time code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate file %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ward server&apos;s certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer is enrolled with %1. Restart Outreach to start syncing.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SideView</name>
    <message>
        <source>Address: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head of household: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Residents (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visits: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of birth: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personal ID: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Household: %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filings: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncProblems</name>
    <message>
        <source>Household</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Week lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Residential group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personal ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relation to head</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VNeID level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncProblemsDialog</name>
    <message>
        <source>Sync problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes the ward server refused. Other changes are still sent. Discarding one brings back the server&apos;s values at the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Discard the selected change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore the selected value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overwritten values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the ward server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overwritten value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Values another laptop&apos;s concurrent edit replaced. Restore one to write it back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No overwritten values.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The list is kept by the ward server and needs a connection: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard the change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard this refused change? The server&apos;s values come back at the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncStatusLabel</name>
    <message>
        <source>Cannot reach the server — changes are kept on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ward server has a problem — changes are kept on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate could not be verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer&apos;s clock is wrong — fix the date and time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer&apos;s access was revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update Outreach to keep syncing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another sync is running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected to a ward server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent %1, received %2 changes — %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synced, nothing new — %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synced just now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synced %1 min ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 changes waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 need attention</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <source>Cancel</source>
        <extracomment>What a write says it changed: a value, or a function of its result (see the module docstring). (task id, ok as 0/1, result or exception) — emitted from worker threads, delivered queued. ``ok`` is an int: a Python bool through a queued PySide6 signal corrupted bool refcounts. Emitted on the GUI thread after any task&apos;s callbacks ran; tests wait on it. Emitted on the GUI thread when no task is running any more. (Changes, initiator) after a write&apos;s ``on_done``: what it changed and who asked for it.</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TeamEnrolmentDialog</name>
    <message>
        <source>Enrol a team member&apos;s laptop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Lê Thị Mai (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team member&apos;s &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Get a code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The code lets one more laptop join your team as a volunteer. It works once and expires after a few minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On the new laptop: open Settings, put the cursor in &quot;Enrolment code&quot; and scan this QR code (or type the server address and the code). Valid until %1, once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Get another code</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TodayView</name>
    <message>
        <source>Today&apos;s &amp;plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People to &amp;reach</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnsentDialog</name>
    <message>
        <source>Not yet on the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These records are saved on this computer, but their latest changes have not reached the ward server yet. They are sent at the next sync; nothing here is lost while the computer is offline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address / household</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(deleted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything is on the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 records not yet sent: %2 households, %3 residents, %4 visits</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <source>Visit of %1 on %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VisitDraftsDialog</name>
    <message>
        <source>Visit drafts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visits begun and not saved yet. Open one to go on with it; the visit on the form stays a draft.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Household</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last edited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No drafts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no household chosen yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — on the form now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete this draft? What was typed in it cannot be brought back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VisitForm</name>
    <message>
        <source>Type the head&apos;s name, the address or a phone, then Enter</source>
        <extracomment>the ward&apos;s province: its overrides of fees and times apply to what the form shows this visit&apos;s key in the drafts table (a new one for each visit begun) the visit was begun (first edit): its start is stamped then, once the volunteer set the start time themselves: never stamp over it a restored draft&apos;s picked procedure / &quot;filing for&quot;, until the catalogue / residents are read</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No household chosen yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Separate topics with commas, e.g. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not asked)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of 5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Space ticks or unticks the selected member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(this computer&apos;s user)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Procedure name or code, then Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dossier code, if submitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fee paid &amp;online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result received electronically</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;dd filing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+S</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drafts (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visits begun and not saved yet: reopen or delete one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>* required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Household</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Household:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;tarted at:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ended at:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Members present:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>O&amp;utcome:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To&amp;pics:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Follow-up date:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sat&amp;isfaction:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filings helped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pro&amp;cedure:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fo&amp;r:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Porta&amp;l:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ne&amp;w visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep this visit as a draft and begin another (another house)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>St&amp;atus:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dossier cod&amp;e:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No household matches.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chosen: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The household</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No procedure matches.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a procedure from the list first (type its name or code, then Enter).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No procedure was chosen from the list for it (type its name or code, then Enter).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A submitted filing needs its dossier code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filing not added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A filing is typed but not added to the visit: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go back to the filing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filed &amp;via:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free of charge by this channel: nothing was paid online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not in the list: record “%1” as another procedure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the name of the other procedure.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No procedure was chosen from the list for it. Best match: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the best match and save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save without it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing recorded as helped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The outcome is &quot;helped&quot; but no filing, topic or note says with what. Save anyway?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visit saved: %1 with %2 filing(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Throw away what is typed in this form?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leader&apos;s note: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not recorded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 min)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(former member)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved visit found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A visit you were typing was not saved (the app was closed or the computer stopped). Restore it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decide later</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WeeklyLogModel</name>
    <message>
        <source>Day and time of the visit (start–end)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volunteer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Household</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <comment>column header: the leader&apos;s note</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leader&apos;s note</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WeeklyLogView</name>
    <message>
        <source>&amp;Week:</source>
        <extracomment>The leader&apos;s note column is as wide as its header and notes up to this; a longer note is cut (its whole text is the cell&apos;s tooltip) so the household column keeps the room it stretches into.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All volunteers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All outcomes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any review state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;pprove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Flag for correction…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve the whole wee&amp;k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only team leaders can approve, flag or lock weeks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Volunteer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Group:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Outcome:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Review:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 visits · %2 filings · %3 waiting · %4 approved · %5 flagged · %6 corrected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Week open for edits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Week locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Unlock week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lock week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only team leaders can lock or unlock weeks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let volunteers add and edit this week&apos;s visits again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a week that has ended can be locked: volunteers are still recording visits in this week.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refuse new visits and edits in this week until a leader unlocks it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 flagged visits stay flagged: their volunteers still owe a correction.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 visits are already approved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The week stays open: volunteers can still add visits to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve the whole week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No visit of week %1 is waiting for approval.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve %1 visits of week %2?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve %1 visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock week %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock the week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volunteers can no longer add or edit visits of this week until a team leader unlocks it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
