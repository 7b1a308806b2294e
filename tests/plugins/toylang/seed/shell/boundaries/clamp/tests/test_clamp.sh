. ./solution.sh

check() {
    printf 'start\t%s\n' "$1"
    if [ "$3" = "$2" ]; then
        printf 'passed\t%s\t\n' "$1"
    else
        printf 'failed\t%s\texpected %s, got %s\n' "$1" "$2" "$3"
    fi
}

check below_low 0 "$(clamp -5 0 10)"
check above_high 10 "$(clamp 15 0 10)"
check inside 7 "$(clamp 7 0 10)"
check at_low 0 "$(clamp 0 0 10)"
check at_high 10 "$(clamp 10 0 10)"
