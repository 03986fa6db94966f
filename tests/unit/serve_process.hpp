// `gongwen serve --port 0` over an index in a child process, for the tests that talk to it over
// HTTP (test_serve, test_serve_login, test_copies): started, its port read from the first line it
// prints, stopped with SIGTERM when the object goes.
#pragma once

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

namespace gongwen::test {

struct ServeOptions {
    std::string host = "127.0.0.1";
    std::vector<std::string> extra;   ///< more arguments of `serve`
    bool keep_stderr = false;         ///< readable through ServeProcess::stderr_text(); else sent to /dev/null
};

class ServeProcess {
public:
    explicit ServeProcess(const std::filesystem::path& index, ServeOptions options = {}) {
        int out[2], err[2] = {-1, -1};
        REQUIRE(::pipe(out) == 0);
        if (options.keep_stderr) REQUIRE(::pipe(err) == 0);
        pid_ = ::fork();
        REQUIRE(pid_ >= 0);
        if (pid_ == 0) {
            ::dup2(out[1], STDOUT_FILENO);
            ::dup2(options.keep_stderr ? err[1] : ::open("/dev/null", O_WRONLY), STDERR_FILENO);
            ::close(out[0]);
            if (options.keep_stderr) ::close(err[0]);
            std::vector<std::string> words{GONGWEN_TEST_BINARY, "--config", GONGWEN_TEST_CONFIG, "serve", "--index", index.string(),
                                           "--host", options.host, "--port", "0"};
            words.insert(words.end(), options.extra.begin(), options.extra.end());
            std::vector<char*> argv;
            for (auto& word : words) argv.push_back(word.data());
            argv.push_back(nullptr);
            ::execv(GONGWEN_TEST_BINARY, argv.data());
            ::_exit(127);
        }
        ::close(out[1]);
        if (options.keep_stderr) ::close(err[1]), err_fd_ = err[0];
        char c;
        while (::read(out[0], &c, 1) == 1 && c != '\n') first_line_ += c;
        ::close(out[0]);
        const auto colon = first_line_.rfind(':', first_line_.find("/ "));
        INFO("serve printed: " << first_line_);
        REQUIRE(colon != std::string::npos);
        port_ = std::stoi(first_line_.substr(colon + 1));
    }
    ServeProcess(const ServeProcess&) = delete;
    ServeProcess& operator=(const ServeProcess&) = delete;
    ~ServeProcess() {
        ::kill(pid_, SIGTERM);
        ::waitpid(pid_, nullptr, 0);
        if (err_fd_ >= 0) ::close(err_fd_);
    }

    int port() const { return port_; }
    const std::string& first_line() const { return first_line_; }
    bool running() const { return ::waitpid(pid_, nullptr, WNOHANG) == 0; }
    /// What the server wrote to stderr so far (non-blocking; ServeOptions::keep_stderr).
    std::string stderr_text() const {
        std::string text;
        if (err_fd_ < 0) return text;
        char buffer[4096];
        ::fcntl(err_fd_, F_SETFL, O_NONBLOCK);
        for (ssize_t n; (n = ::read(err_fd_, buffer, sizeof buffer)) > 0;) text.append(buffer, static_cast<std::size_t>(n));
        return text;
    }

private:
    pid_t pid_ = -1;
    int port_ = 0;
    int err_fd_ = -1;
    std::string first_line_;
};

}  // namespace gongwen::test
