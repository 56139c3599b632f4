# make demo's tally: reads samples/.invalid-on-purpose, then hookcheck's NDJSON records, and prints
# per folder of samples/ how many records are valid and invalid, then every invalid file with why
# it is expected to be; a file no rule explains is marked UNEXPECTED.
FNR == NR {
    if ($0 !~ /^#/ && index($0, "\t") > 0) reason[substr($0, 1, index($0, "\t") - 1)] = substr($0, index($0, "\t") + 1)
    next
}
{
    if (match($0, /"source":"[^"]*"/) == 0) next
    source = substr($0, RSTART + 10, RLENGTH - 11)
    folder = source; sub(/\/[^\/]*$/, "/", folder)
    records[folder]++
    if ($0 ~ /"valid":true/) valid[folder]++
    else if (!(source in seen)) { seen[source] = 1; invalid[++count] = source }
}
END {
    printf "\n%-24s %8s %6s %8s\n", "FOLDER", "RECORDS", "VALID", "INVALID"
    n = 0
    for (folder in records) folders[++n] = folder
    for (i = 2; i <= n; i++) { f = folders[i]; for (j = i - 1; j >= 1 && folders[j] > f; j--) folders[j + 1] = folders[j]; folders[j + 1] = f }
    for (i = 1; i <= n; i++) { f = folders[i]; printf "%-24s %8d %6d %8d\n", f, records[f], valid[f], records[f] - valid[f] }
    if (count == 0) exit
    print "\ninvalid, each on purpose:"
    for (i = 1; i <= count; i++) {
        file = invalid[i]; why = "UNEXPECTED: look at it with hookcheck " file
        if (file ~ /^samples\/invalid\//) why = "broken on purpose (samples/invalid/.expectations says how)"
        else if (file in reason) why = reason[file]
        else if (file ~ /\/(seed|doc)-/) why = "the vendor's own documented example, exactly as given"
        printf "  %-56s %s\n", file, why
    }
}
