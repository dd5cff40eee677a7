<#
.SYNOPSIS
    Intune Remediations detection script: prints this device's `dsregcmd /status`
    as one compact line (`DSRC1:...`) for the dsregcmd analyzer's fleet view.

.DESCRIPTION
    Runs dsregcmd /status, keeps only its section titles and `Key : Value` fields,
    compresses them (raw deflate) and prints `DSRC1:` + base64 as the last and only
    line of output. Intune keeps at most 2,048 characters of a detection script's
    output, so the line is made to fit (see "Size steps" below).

    Format (compact form, spec v1). The inner text is UTF-8, lines joined by "\n":
      line 1     `~` and flags: ` u` = URL values were replaced by `~`,
                 ` c<N>` = the last N lines were cut off.  (`~`, `~ u`, `~ u c37`)
      then       `+Title` for a section header, `Key:Value` for a field (empty
                 values are kept as `Key:`); everything else is dropped.
    Size steps: all fields; if the line is too long, URL values become `~`;
    if still too long, lines are dropped from the end one at a time.

    scripts/port/compact-port.mjs is a line-by-line port of this algorithm to
    Node. Any change here must be made there too, and both must keep agreeing
    with `dsreg compact` (core/src/compact.rs), the reference. On a fresh
    dsregcmd output the three write the same inner text.

    Windows PowerShell 5.1, no modules. Settings for the script package:
      Run this script using the logged-on credentials : Yes
      Enforce script signature check                  : No (or sign it)
      Run script in 64-bit PowerShell                 : Yes
    See docs/fleet.md.

.NOTES
    The script always exits 0, also when it fails. Exit code 1 would tell Intune
    "issue detected" and start a remediation script; this package is for
    collecting only (it has no remediation script), and a device is not "fixed"
    by anything we could run here. Whether a device is healthy is decided later,
    by the analyzer, from the line this script prints.
#>

# ---------------------------------------------------------------------------
# Settings. Keep these identical in scripts/port/compact-port.mjs.
# ---------------------------------------------------------------------------

# The most characters Intune keeps of a detection script's output.
$MaxLineLength = 2048

# Marks a compact line, version 1 of the format.
$Prefix = 'DSRC1:'

# A section header: `| Device State |` (group 1 = the title).
$HeaderPattern = '^\s*\|\s*(.*?)\s*\|\s*$'

# A field: a key (a letter, then letters, digits, spaces, `._()-`), a colon, the value
# (group 1 = key, group 2 = value). `KeySignTest: PASSED` has no space before its colon, and
# Windows 10 1607 prints `KeySignTest: : PASSED`.
$FieldPattern = '^\s*([A-Za-z][A-Za-z0-9 ._()-]*?)\s*:(?:\s*:)?(.*)$'

# A value replaced by `~` in the second size step (matched case-insensitively).
$UrlPattern = '^(?:https?://|urn:)'

# ---------------------------------------------------------------------------
# Functions
# ---------------------------------------------------------------------------

# The lines after line 1 of the inner text, one per header or field, in order.
# With $HideUrls, a value that starts with http://, https:// or urn: becomes `~`.
function Get-BodyLines([string[]]$Lines, [bool]$HideUrls) {
    foreach ($line in $Lines) {
        $header = [regex]::Match($line, $HeaderPattern)
        if ($header.Success) {
            '+' + $header.Groups[1].Value
            continue
        }
        $field = [regex]::Match($line, $FieldPattern)
        if ($field.Success) {
            $key = $field.Groups[1].Value.Trim()
            $value = $field.Groups[2].Value.Trim()
            if ($HideUrls -and [regex]::IsMatch($value, $UrlPattern, 'IgnoreCase')) {
                $value = '~'
            }
            $key + ':' + $value
        }
        # Anything else (box lines, blank lines, other text) is dropped.
    }
}

# The inner text: the flag line, then the body lines without the last $Cut of them.
function Join-InnerText([string[]]$Body, [bool]$HideUrls, [int]$Cut) {
    $head = '~'
    if ($HideUrls) { $head += ' u' }
    if ($Cut -gt 0) { $head += ' c' + $Cut }

    $kept = New-Object 'System.Collections.Generic.List[string]'
    $kept.Add($head)
    for ($i = 0; $i -lt $Body.Count - $Cut; $i++) {
        $kept.Add($Body[$i])
    }
    return ($kept -join "`n")
}

# The compact line of an inner text: prefix + base64 of the raw deflate of its UTF-8 bytes.
function ConvertTo-CompactLine([string]$Inner) {
    $bytes = [System.Text.Encoding]::UTF8.GetBytes($Inner)   # no BOM
    $buffer = [System.IO.MemoryStream]::new()
    $level = [System.IO.Compression.CompressionLevel]::Optimal
    $deflate = [System.IO.Compression.DeflateStream]::new($buffer, $level)   # raw deflate, no zlib header
    $deflate.Write($bytes, 0, $bytes.Length)
    $deflate.Dispose()   # writes the final block; ToArray still works on the closed stream
    return $Prefix + [Convert]::ToBase64String($buffer.ToArray())
}

# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------

try {
    # A 32-bit PowerShell on 64-bit Windows sees SysWOW64 as System32;
    # Sysnative is the way to the real (64-bit) System32 from there.
    $dsregcmd = Join-Path $env:windir 'System32\dsregcmd.exe'
    if ([Environment]::Is64BitOperatingSystem -and -not [Environment]::Is64BitProcess) {
        $dsregcmd = Join-Path $env:windir 'Sysnative\dsregcmd.exe'
    }
    if (-not (Test-Path -LiteralPath $dsregcmd)) {
        Write-Output "DSRC-ERROR: dsregcmd.exe not found at $dsregcmd"
        exit 0
    }

    # One string per line of output (PowerShell splits the CRLF lines for us).
    [string[]]$output = @(& $dsregcmd /status)
    if ($output.Count -eq 0) {
        Write-Output "DSRC-ERROR: dsregcmd /status printed nothing (exit code $LASTEXITCODE)"
        exit 0
    }

    # Step 1: every field as printed.
    $hideUrls = $false
    $cut = 0
    $body = @(Get-BodyLines $output $hideUrls)
    $line = ConvertTo-CompactLine (Join-InnerText $body $hideUrls $cut)

    # Step 2: too long, so replace URL values with `~`.
    if ($line.Length -gt $MaxLineLength) {
        $hideUrls = $true
        $body = @(Get-BodyLines $output $hideUrls)
        $line = ConvertTo-CompactLine (Join-InnerText $body $hideUrls $cut)

        # Step 3: still too long, so cut lines off the end, one at a time.
        while ($line.Length -gt $MaxLineLength -and $cut -lt $body.Count) {
            $cut++
            $line = ConvertTo-CompactLine (Join-InnerText $body $hideUrls $cut)
        }
    }

    # The last (and only) line of output is what Intune reports.
    Write-Output $line
    exit 0
}
catch {
    # One line, without line breaks, so that it is still the last line.
    $message = ($_.Exception.Message -replace '\s+', ' ').Trim()
    Write-Output "DSRC-ERROR: $message"
    exit 0
}
