using Provisioner.Bootstrap.Ssh;

namespace Provisioner.Bootstrap.Install;

/// <summary>The systemd unit or the init script that runs <c>prov-agent serve</c>.</summary>
internal static class ServiceDefinition
{
    public static string Path(InstallLayout layout, InitSystem init) => init == InitSystem.Systemd ? layout.SystemdUnit : layout.InitScript;

    public static string Render(InstallLayout layout, InitSystem init) => init == InitSystem.Systemd ? Unit(layout) : InitScript(layout);

    private static string Unit(InstallLayout layout) => $"""
        # Installed by prov bootstrap; changes are overwritten by the next bootstrap.
        [Unit]
        Description=Provisioner agent (prov-agent)
        After=network-online.target
        Wants=network-online.target

        [Service]
        Type=simple
        ExecStart={layout.Binary} serve --config {layout.Config}
        Restart=on-failure
        RestartSec=5

        [Install]
        WantedBy=multi-user.target

        """;

    // start detaches the agent (setsid, no inherited descriptors) so that the SSH command that ran the script returns.
    private static string InitScript(InstallLayout layout) => $$"""
        #!/bin/sh
        ### BEGIN INIT INFO
        # Provides:          prov-agent
        # Required-Start:    $network $remote_fs
        # Required-Stop:     $network $remote_fs
        # Default-Start:     2 3 4 5
        # Default-Stop:      0 1 6
        # Short-Description: Provisioner agent (prov-agent)
        ### END INIT INFO
        # Installed by prov bootstrap; changes are overwritten by the next bootstrap.

        DAEMON={{ShellQuote.Quote(layout.Binary)}}
        CONFIG={{ShellQuote.Quote(layout.Config)}}
        PIDFILE={{ShellQuote.Quote(layout.PidFile)}}
        LOG={{ShellQuote.Quote(layout.LogFile)}}

        running() {
            [ -s "$PIDFILE" ] || return 1
            pid=$(cat "$PIDFILE")
            kill -0 "$pid" 2>/dev/null || return 1
            [ "$(tr '\0' '\n' < "/proc/$pid/cmdline" 2>/dev/null | head -n 2 | tr '\n' ' ')" = "$DAEMON serve " ]
        }

        start() {
            if running; then
                echo "prov-agent is running (pid $pid)"
                return 0
            fi
            mkdir -p "$(dirname "$PIDFILE")" "$(dirname "$LOG")"
            setsid "$DAEMON" serve --config "$CONFIG" >>"$LOG" 2>&1 </dev/null &
            echo $! >"$PIDFILE"
            # A bad configuration or certificate stops the agent at once: report that instead of success.
            sleep 2
            if running; then
                echo "prov-agent started (pid $pid)"
                return 0
            fi
            echo "prov-agent did not start; its log is $LOG:" >&2
            tail -n 20 "$LOG" >&2
            rm -f "$PIDFILE"
            return 1
        }

        stop() {
            if ! running; then
                rm -f "$PIDFILE"
                echo "prov-agent is not running"
                return 0
            fi
            kill "$pid"
            for _ in 1 2 3 4 5 6 7 8 9 10; do
                kill -0 "$pid" 2>/dev/null || break
                sleep 1
            done
            kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
            rm -f "$PIDFILE"
            echo "prov-agent stopped"
        }

        case "$1" in
            start) start ;;
            stop) stop ;;
            restart|force-reload) stop && start ;;
            status)
                if running; then echo "prov-agent is running (pid $pid)"; exit 0; fi
                echo "prov-agent is not running"; exit 3 ;;
            *) echo "usage: $0 {start|stop|restart|status}" >&2; exit 2 ;;
        esac

        """;
}
