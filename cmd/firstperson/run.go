package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"firstperson/models"
	"firstperson/server"
)

// Config is what the command line and environment say.
type Config struct {
	Addr      string
	DB        string
	Dev       bool
	PublicURL string
	// MetricsAddr, when set, serves Prometheus metrics at /metrics there
	// (and only there).
	MetricsAddr string
}

const usage = `usage:
  firstperson [serve] [-addr HOST:PORT] [-db DSN] [-public-url URL] [-metrics-addr HOST:PORT] [-dev]
  firstperson user add -db DSN -email E -name N -role lead|assessor [-team NAME]
  firstperson user passwd -db DSN -email E   (new password on stdin)
  firstperson user disable -db DSN -email E
  firstperson token add -db DSN -email E
  firstperson backup -db DSN -out FILE
-db takes a SQLite file path (default firstperson.db) or a postgres:// URL.
FIRSTPERSON_ADDR, FIRSTPERSON_DB, FIRSTPERSON_PUBLIC_URL and FIRSTPERSON_METRICS_ADDR set the defaults.`

// run is the whole program; it returns the exit code.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmd := "serve"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
		if cmd == "user" || cmd == "token" {
			sub := map[string]bool{"user add": true, "user passwd": true, "user disable": true, "token add": true}
			if len(args) == 0 || !sub[cmd+" "+args[0]] {
				fmt.Fprintln(stderr, usage)
				return 2
			}
			cmd, args = cmd+" "+args[0], args[1:]
		}
	}
	var err error
	switch cmd {
	case "serve":
		err = serve(ctx, args, getenv, stdout, stderr)
	case "user add":
		err = userAdd(ctx, args, getenv, stdin, stdout, stderr)
	case "user passwd":
		err = userPasswd(ctx, args, getenv, stdin, stdout, stderr)
	case "user disable":
		err = userDisable(ctx, args, getenv, stdout, stderr)
	case "token add":
		err = tokenAdd(ctx, args, getenv, stdout, stderr)
	case "backup":
		err = backup(ctx, args, getenv, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprintln(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "unknown command %q\n%s\n", cmd, usage)
		return 2
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "firstperson:", describe(err))
		return 1
	}
	return 0
}

// dbFlag adds -db with its environment default.
func dbFlag(fs *flag.FlagSet, getenv func(string) string) *string {
	def := getenv("FIRSTPERSON_DB")
	if def == "" {
		def = "firstperson.db"
	}
	return fs.String("db", def, "SQLite file path or postgres:// URL")
}

func serve(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg := Config{}
	addr := getenv("FIRSTPERSON_ADDR")
	if addr == "" {
		addr = ":8080"
	}
	fs.StringVar(&cfg.Addr, "addr", addr, "address to listen on")
	db := dbFlag(fs, getenv)
	fs.BoolVar(&cfg.Dev, "dev", false, "re-read templates from ./templates on every request")
	fs.StringVar(&cfg.PublicURL, "public-url", getenv("FIRSTPERSON_PUBLIC_URL"), "the address people reach the app at, for links and FHIR URLs")
	smtpURL := fs.String("smtp", getenv("FIRSTPERSON_SMTP"), "send share links by email: smtp://user:password@host:587?from=team@example.nhs.uk (STARTTLS required unless loopback)")
	fs.StringVar(&cfg.MetricsAddr, "metrics-addr", getenv("FIRSTPERSON_METRICS_ADDR"), "serve Prometheus metrics at /metrics on this separate address (off when empty)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg.DB = *db
	var mailer *server.Mailer
	if *smtpURL != "" {
		var err error
		if mailer, err = server.ParseSMTP(*smtpURL); err != nil {
			return err
		}
	}

	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))

	var metrics *server.Metrics
	var storeOpts []models.Option
	if cfg.MetricsAddr != "" {
		metrics = server.NewMetrics()
		storeOpts = append(storeOpts, models.WithHooks(metrics.StoreHooks()))
	}
	store, err := models.Open(ctx, cfg.DB, storeOpts...)
	if err != nil {
		return err
	}
	defer store.Close()
	if err := store.ProbeWrite(ctx); err != nil {
		log.Warn("the database is read-only: every save will fail and /healthz answers 503", "db", cfg.DB, "err", err)
	}
	first, err := store.Bootstrap(ctx)
	if err != nil {
		return err
	}
	srv, err := server.New(server.Config{Store: store, Log: log, Dev: cfg.Dev, PublicURL: cfg.PublicURL,
		SecureCookies: strings.HasPrefix(cfg.PublicURL, "https://"), Mailer: mailer, Metrics: metrics})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	url := "http://" + displayAddr(ln.Addr())
	fmt.Fprintf(stdout, "Firstperson is listening on %s (database %s)\n", url, cfg.DB)
	if first != nil {
		fmt.Fprintf(stdout, "\nFirst start: created the team %q with the published default template.\n", first.Team)
		fmt.Fprintf(stdout, "Sign in at %s/login\n  email:    %s\n  password: %s  (shown once; one-time: you choose your own at the first sign-in)\n\n",
			url, first.Email, first.Password)
	}
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout: time.Minute, WriteTimeout: 2 * time.Minute, IdleTimeout: 2 * time.Minute}
	errc := make(chan error, 2)
	go func() { errc <- hs.Serve(ln) }()
	if metrics != nil {
		mln, err := net.Listen("tcp", cfg.MetricsAddr)
		if err != nil {
			return fmt.Errorf("listen for metrics on %s: %w", cfg.MetricsAddr, err)
		}
		mux := http.NewServeMux()
		mux.Handle("GET /metrics", metrics.Handler())
		ms := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
		defer ms.Close()
		go func() { errc <- ms.Serve(mln) }()
		fmt.Fprintf(stdout, "Metrics at http://%s/metrics\n", displayAddr(mln.Addr()))
	}
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	// Let in-flight requests (an autosave, a PDF) finish before closing the
	// database.
	fmt.Fprintln(stdout, "Shutting down…")
	shutCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutCtx); err != nil {
		return fmt.Errorf("shut down: %w", err)
	}
	return nil
}

// displayAddr turns ":8080" into "localhost:8080" for a URL to click.
func displayAddr(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	if host == "" || host == "::" || host == "0.0.0.0" {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}
