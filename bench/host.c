// SPDX-License-Identifier: MIT
#include "host.h"

#include <dirent.h>
#include <gnu/libc-version.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "counters.h"
#include "timer.h"
#include "version.h"

void sb_read_line(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "re");
	buf[0] = '\0';
	if (!f)
		return;
	if (!fgets(buf, (int)len, f))
		buf[0] = '\0';
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
}

void sb_thp_mode(const char *path, char *buf, size_t len)
{
	char line[256];
	sb_read_line(path, line, sizeof(line));
	char *open = strchr(line, '['), *close = open ? strchr(open, ']') : NULL;
	if (open && close) {
		*close = '\0';
		snprintf(buf, len, "%s", open + 1);
	} else {
		snprintf(buf, len, "%s", line[0] ? line : "unknown");
	}
}

static void cpu_model(char *buf, size_t len, int *hypervisor_flag)
{
	FILE *f = fopen("/proc/cpuinfo", "re");
	char line[4096];
	snprintf(buf, len, "unknown");
	*hypervisor_flag = 0;
	if (!f)
		return;
	int got_model = 0;
	while (fgets(line, sizeof(line), f)) {
		if (!got_model && !strncmp(line, "model name", 10)) {
			char *colon = strchr(line, ':');
			if (colon) {
				colon += 2;
				colon[strcspn(colon, "\n")] = '\0';
				snprintf(buf, len, "%s", colon);
				got_model = 1;
			}
		}
		if (!strncmp(line, "flags", 5) && strstr(line, " hypervisor"))
			*hypervisor_flag = 1;
		if (got_model && !strncmp(line, "flags", 5))
			break;
	}
	fclose(f);
}

int sb_virtualized(char *name, size_t len)
{
	char model[256], vendor[128];
	int flag;
	cpu_model(model, sizeof(model), &flag);
	sb_read_line("/sys/class/dmi/id/sys_vendor", vendor, sizeof(vendor));
	if (!vendor[0])
		sb_read_line("/sys/hypervisor/type", vendor, sizeof(vendor));
	snprintf(name, len, "%s", flag ? (vendor[0] ? vendor : "unknown") : "none");
	return flag;
}

uint64_t sb_meminfo_bytes(const char *key)
{
	FILE *f = fopen("/proc/meminfo", "re");
	char line[256];
	unsigned long long v = 0;
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, strlen(key)) && sscanf(line + strlen(key), " %llu", &v) == 1)
			break;
	fclose(f);
	return v * 1024;
}

json_t *sb_host_json(const struct sb_privileges *priv)
{
	struct utsname u;
	uname(&u);
	char model[256], hv[128], thp[64], defrag[64], src[64];
	int flag;
	cpu_model(model, sizeof(model), &flag);
	int vm = sb_virtualized(hv, sizeof(hv));
	sb_thp_mode("/sys/kernel/mm/transparent_hugepage/enabled", thp, sizeof(thp));
	sb_thp_mode("/sys/kernel/mm/transparent_hugepage/defrag", defrag, sizeof(defrag));
	sb_read_line("/sys/devices/system/clocksource/clocksource0/current_clocksource", src, sizeof(src));

	json_t *mit = json_object();
	DIR *d = opendir("/sys/devices/system/cpu/vulnerabilities");
	struct dirent *e;
	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char path[512], text[512];
		snprintf(path, sizeof(path), "/sys/devices/system/cpu/vulnerabilities/%s", e->d_name);
		sb_read_line(path, text, sizeof(text));
		json_object_set_new(mit, e->d_name, json_string(text));
	}
	if (d)
		closedir(d);

	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:b, s:s, s:s, s:s, s:o, s:s, s:s, s:s,"
			 " s:{s:s, s:s, s:I, s:f}, s:{s:i, s:b, s:b, s:b}}",
			 "hostname", u.nodename, "kernel", u.release, "kernel_build", u.version, "arch", u.machine,
			 "cpu_model", model, "cores", (json_int_t)sysconf(_SC_NPROCESSORS_ONLN),
			 "mem_total_bytes", (json_int_t)sb_meminfo_bytes("MemTotal:"),
			 "mem_available_bytes", (json_int_t)sb_meminfo_bytes("MemAvailable:"),
			 "virtualized", vm, "hypervisor", hv, "thp_enabled", thp, "thp_defrag", defrag,
			 "mitigations", mit, "glibc", gnu_get_libc_version(), "libbpf", SB_LIBBPF_VERSION,
			 "libpfm", sb_counters_libpfm_version(),
			 "clock", "id", "CLOCK_MONOTONIC", "source", src[0] ? src : "unknown",
			 "resolution_ns", (json_int_t)sb_timer_resolution_ns(), "overhead_ns", sb_timer_overhead_ns(),
			 "privileges", "euid", priv->euid, "cap_sys_admin", priv->cap_sys_admin,
			 "user_namespaces", priv->user_namespaces, "cgroup2", priv->cgroup2);
}
