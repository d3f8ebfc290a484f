#!/usr/bin/env bash
# scripts/vectorization_report.sh: which of ctnn's loops GCC and Clang vectorise.
#
# Compiles bench/vectorization/kernels.cpp (the dense layer's loops, the sigmoid and softmax with
# each exp policy, the forward and backward loops of tanh, elu and softplus, the sgd and adam
# steps, for a few shapes) with
#   g++     -O3 -fopt-info-vec-optimized -fopt-info-vec-missed
#   clang++ -O3 -Rpass=loop-vectorize -Rpass-missed=loop-vectorize -Rpass-analysis=loop-vectorize
# each for the baseline x86-64, -march=x86-64-v2 and -march=native, and prints one line per loop
# of include/ctnn (and of kernels.cpp) with what each build did, then the reasons given for the
# loops that were not vectorised, then which kernels still call the C library's exp, expm1,
# tanh, log1p or log (objdump -dr of each build's object: the relocations of their calls).
#
#   scripts/vectorization_report.sh            CXX_GCC=g++-13 CXX_CLANG=clang++-16 to choose
#
# Cells: V  every instantiation of the loop vectorised      -  none did
#        V3/-2  mixed (counts)                               .  no remark (unrolled away or not
#                                                               reached)
# Compile only; nothing is run. Takes about half a minute.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
src="$root/bench/vectorization/kernels.cpp"
gxx=${CXX_GCC:-g++}
clangxx=${CXX_CLANG:-clang++}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

common=(-std=c++20 -O3 -I"$root/include" -c "$src")
gcc_flags=(-fopt-info-vec-optimized -fopt-info-vec-missed)
clang_flags=(-Rpass=loop-vectorize -Rpass-missed=loop-vectorize -Rpass-analysis=loop-vectorize)

labels=(gcc gcc-v2 gcc-nat clang clang-v2 clang-nat)
run() { # label compiler march-flag...
    local label=$1 compiler=$2
    shift 2
    local flags
    if [[ $label == gcc* ]]; then flags=("${gcc_flags[@]}"); else flags=("${clang_flags[@]}"); fi
    if ! "$compiler" "${common[@]}" -o "$work/$label.o" "$@" "${flags[@]}" >"$work/$label.log" 2>&1; then
        echo "error: $compiler $* failed to compile $src:" >&2
        grep -m 20 -E 'error' "$work/$label.log" >&2 || true
        exit 1
    fi
}
run gcc "$gxx"
run gcc-v2 "$gxx" -march=x86-64-v2
run gcc-nat "$gxx" -march=native
run clang "$clangxx"
run clang-v2 "$clangxx" -march=x86-64-v2
run clang-nat "$clangxx" -march=native

echo "ctnn vectorisation report: $("$gxx" --version | head -1); $("$clangxx" --version | head -1)"
echo "native: $("$gxx" -march=native -Q --help=target 2>/dev/null | awk '$1 == "-march=" {print $2}')"
echo

for label in "${labels[@]}"; do
    awk -v cfg="$label" -v root="$root/" '
        # One record per remark: config, location, kind (V vectorised, M missed, R reason).
        function emit(kind, loc, text) {
            sub("^" root, "", loc)
            if (loc !~ /^(include\/ctnn|bench\/vectorization)\//) return
            gsub(/_[0-9]+/, "_", text)          # GCC SSA names: one reason, not one per temp
            if (text ~ /^statement clobbers memory: /) {  # a call: name the callee, not its args
                sub(/^statement clobbers memory: (_ = )?/, "", text)
                sub(/ \(.*$/, "", text)
                text = "calls " text
            }
            text = substr(text, 1, 90)
            gsub(/\t/, " ", text)
            print cfg "\t" loc "\t" kind "\t" text
        }
        match($0, /^[^ :]+:[0-9]+:[0-9]+: /) {
            head = substr($0, 1, RLENGTH - 2)
            rest = substr($0, RLENGTH + 1)
            split(head, part, ":")
            loc = part[1] ":" part[2]
            if (cfg ~ /^gcc/) {
                if (rest ~ /^optimized: loop vectorized/) { emit("V", loc, ""); pending = "" }
                else if (rest ~ /^missed: couldn.t vectorize loop/) { emit("M", loc, ""); pending = loc }
                else if (pending != "" && rest ~ /^missed: /) {
                    sub(/^missed: (not vectorized: )?/, "", rest)
                    emit("R", pending, rest)
                    pending = ""
                }
            } else {
                if (rest !~ /^remark: /) next
                sub(/^remark: /, "", rest)
                sub(/ \[-Rpass[-a-z]*=loop-vectorize\]$/, "", rest)
                if (rest ~ /^vectorized loop/) { emit("V", loc, ""); reason = "" }
                else if (rest ~ /interleaving is not beneficial/) next
                else if (rest ~ /^loop not vectorized: /) {
                    sub(/^loop not vectorized: /, "", rest); reason = rest
                }
                else if (rest ~ /^loop not vectorized$/) {
                    emit("M", loc, ""); if (reason != "") emit("R", loc, reason); reason = ""
                }
                else if (rest ~ /vectorization is not beneficial/) {
                    emit("M", loc, ""); emit("R", loc, rest); reason = ""
                }
            }
        }' "$work/$label.log"
done >"$work/records.tsv"

awk -F'\t' -v labels="${labels[*]}" -v root="$root/" '
    BEGIN { n = split(labels, cfgs, " ") }
    $3 == "V" { v[$2, $1]++; locs[$2] = 1 }
    $3 == "M" { m[$2, $1]++; locs[$2] = 1 }
    $3 == "R" {
        key = $2 SUBSEP ($1 ~ /^gcc/ ? "gcc" : "clang") SUBSEP $4
        if (!(key in seen)) { seen[key] = 1; reasons[$2] = reasons[$2] sprintf("      %-5s %s\n", ($1 ~ /^gcc/ ? "gcc" : "clang"), $4) }
    }
    function cell(loc, c,   a, b) {
        a = v[loc, c] + 0; b = m[loc, c] + 0
        if (a && b) return "V" a "/-" b
        if (a) return "V"
        if (b) return "-"
        return "."
    }
    function source(loc,   p, line, text, i) {
        split(loc, p, ":")
        i = 0; text = ""
        while ((getline line < (root p[1])) > 0) if (++i == p[2]) { text = line; break }
        close(root p[1])
        gsub(/^ +/, "", text)
        return substr(text, 1, 60)
    }
    END {
        count = 0
        for (loc in locs) order[++count] = loc
        # sort by file, then line number
        for (i = 2; i <= count; i++) {
            x = order[i]
            for (j = i - 1; j >= 1 && less(x, order[j]); j--) order[j + 1] = order[j]
            order[j + 1] = x
        }
        printf "%-40s", "loop (file:line)"
        for (c = 1; c <= n; c++) printf " %-9s", cfgs[c]
        printf "  source\n"
        for (i = 1; i <= count; i++) {
            loc = order[i]
            printf "%-40s", loc
            for (c = 1; c <= n; c++) printf " %-9s", cell(loc, cfgs[c])
            printf "  %s\n", source(loc)
        }
        print ""
        print "Reasons given where a loop was not vectorised (all builds of each compiler):"
        for (i = 1; i <= count; i++) {
            loc = order[i]
            if (reasons[loc] != "") printf "  %s\n%s", loc, reasons[loc]
        }
    }
    function less(a, b,   pa, pb) {
        split(a, pa, ":"); split(b, pb, ":")
        if (pa[1] != pb[1]) return pa[1] < pb[1]
        return pa[2] + 0 < pb[2] + 0
    }' "$work/records.tsv"

# Calls into the C library's elementary functions, per kernel function and build. A kernel is a
# loop and nothing else, so a call in it is a call in the loop.
echo
echo "C library calls left in the kernels (objdump -dr; kernels not listed call none in any build):"
for label in "${labels[@]}"; do
    objdump -dr --demangle "$work/$label.o" | awk -v cfg="$label" '
        /^[0-9a-f]+ <.*>:$/ {
            name = $0
            sub(/^[0-9a-f]+ </, "", name); sub(/>:$/, "", name)
            sub(/^void /, "", name); sub(/^kernels::/, "", name)
            type = ""   # the elementwise kernels are overloads on the row type
            if (name ~ /\(std::array<double/) type = "<double>"
            if (name ~ /\(std::array<float/) type = "<float>"
            sub(/\(.*$/, "", name)
            while (match(name, /[0-9]u?l[,>]/))   # 128ul, 1l: the literal suffixes
                name = substr(name, 1, RSTART) substr(name, RSTART + RLENGTH - 1)
            if (name ~ /^elementwise::/) name = name type
            next
        }
        /R_X86_64_(PLT32|PC32)[ \t]+(exp|expf|expm1|expm1f|tanh|tanhf|log1p|log1pf|log|logf)-/ {
            callee = $NF; sub(/-0x[0-9a-f]+$/, "", callee)
            print name "\t" cfg "\t" callee
        }'
done | sort -u | awk -F'\t' -v labels="${labels[*]}" '
    BEGIN { n = split(labels, cfgs, " ") }
    { fns[$1] = 1; calls[$1, $2] = calls[$1, $2] (calls[$1, $2] == "" ? "" : ",") $3 }
    END {
        printf "%-64s", "kernel"
        for (c = 1; c <= n; c++) printf " %-9s", cfgs[c]
        printf "\n"
        count = 0
        for (f in fns) order[++count] = f
        for (i = 2; i <= count; i++) {   # sort by name
            x = order[i]
            for (j = i - 1; j >= 1 && order[j] > x; j--) order[j + 1] = order[j]
            order[j + 1] = x
        }
        for (i = 1; i <= count; i++) {
            printf "%-64s", substr(order[i], 1, 64)
            for (c = 1; c <= n; c++) {
                called = calls[order[i], cfgs[c]]
                printf " %-9s", (called == "" ? "-" : called)
            }
            printf "\n"
        }
    }'
