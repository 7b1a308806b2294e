clamp() {
    echo "TODO"
}
