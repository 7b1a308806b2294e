/* codecanary's sandbox launcher: the privileged set-up of sandbox.process.ChildSetup,
 * as one small program, so that Python can start it with vfork/posix_spawn instead
 * of fork()ing itself (a fork of the Python process costs ~8 ms; this exec ~1 ms).
 *
 * usage: launcher [-c CGROUP_PROCS]... [-r RESOURCE=VALUE]... [-m TOOLS_MNT -b SRC...]
 *                 [-u UID] -- PROGRAM ARGS...
 * In order: join each cgroup; with -m, enter a private mount namespace, mount a
 * tmpfs at TOOLS_MNT and bind each SRC read-only at TOOLS_MNT/<i>; set the
 * rlimits; no_new_privs; with -u, empty the bounding and ambient capability sets,
 * drop supplementary groups, switch gid and uid, clear every capability; exec.
 * Any failure exits with status 126 and a message starting "launcher:".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <grp.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static void die(const char *what) {
    fprintf(stderr, "launcher: %s: %s\n", what, strerror(errno));
    _exit(126);
}

int main(int argc, char **argv) {
    const char *mnt = NULL;
    const char *binds[64];
    int nbinds = 0;
    long uid = -1;
    int i = 1;
    char pid[32];
    snprintf(pid, sizeof pid, "%d", (int)getpid());
    for (; i < argc && strcmp(argv[i], "--") != 0; i += 2) {
        if (i + 1 >= argc) { errno = EINVAL; die("missing option value"); }
        const char *opt = argv[i], *val = argv[i + 1];
        if (!strcmp(opt, "-c")) {
            int fd = open(val, O_WRONLY);
            if (fd < 0 || write(fd, pid, strlen(pid)) < 0) die(val);
            close(fd);
        } else if (!strcmp(opt, "-r")) {
            int res = atoi(val);
            const char *eq = strchr(val, '=');
            if (!eq) { errno = EINVAL; die(val); }
            struct rlimit rl = {strtoull(eq + 1, NULL, 10), strtoull(eq + 1, NULL, 10)};
            if (setrlimit(res, &rl) != 0) die("setrlimit");
        } else if (!strcmp(opt, "-m")) {
            mnt = val;
        } else if (!strcmp(opt, "-b")) {
            if (nbinds == 64) { errno = E2BIG; die("too many binds"); }
            binds[nbinds++] = val;
        } else if (!strcmp(opt, "-u")) {
            uid = atol(val);
        } else {
            errno = EINVAL;
            die(opt);
        }
    }
    if (i >= argc - 1) { errno = EINVAL; die("no program after --"); }
    if (mnt) {
        if (unshare(CLONE_NEWNS) != 0) die("unshare(CLONE_NEWNS)");
        if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) die("make / private");
        if (mount("codecanary-tools", mnt, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,mode=755"))
            die("mount tools tmpfs");
        for (int b = 0; b < nbinds; b++) {
            char dst[4096];
            snprintf(dst, sizeof dst, "%s/%d", mnt, b);
            if (mkdir(dst, 0755) != 0) die(dst);
            if (mount(binds[b], dst, NULL, MS_BIND, NULL) != 0) die(binds[b]);
            if (mount(NULL, dst, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID, NULL))
                die(binds[b]);
        }
    }
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) die("no_new_privs");
    if (uid >= 0) {
        for (int cap = 0; cap <= 63; cap++) prctl(PR_CAPBSET_DROP, cap, 0, 0, 0);
        prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
        if (setgroups(0, NULL) != 0) die("setgroups");
        if (setresgid(uid, uid, uid) != 0) die("setresgid");
        if (setresuid(uid, uid, uid) != 0) die("setresuid");
        struct __user_cap_header_struct hdr = {_LINUX_CAPABILITY_VERSION_3, 0};
        struct __user_cap_data_struct data[2];
        memset(data, 0, sizeof data);
        if (syscall(SYS_capset, &hdr, data) != 0) die("capset");
    }
    execv(argv[i + 1], argv + i + 1);
    die(argv[i + 1]);
    return 126;
}
