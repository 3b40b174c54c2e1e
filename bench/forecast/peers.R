# Peer forecasts for bench/forecast.ts: R's forecast package on the same series.
# Usage: Rscript peers.R <input.csv> <h> <output.csv>
# input: series_id,value (training values only, in time order). Output: one row per
# series × method × step with mean and 95% bounds; a final "timing" row per method (seconds
# spent inside the model calls only, so R's start-up is not counted against it).
suppressPackageStartupMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], colClasses = c("character", "numeric"))
h <- as.integer(args[2])
ids <- unique(d$series_id)
series <- lapply(ids, function(i) ts(d$value[d$series_id == i]))
methods <- list(
  ets = function(y) forecast(ets(y), h = h, level = 95),
  auto.arima = function(y) forecast(auto.arima(y), h = h, level = 95),
  thetaf = function(y) thetaf(y, h = h, level = 95),
  drift = function(y) rwf(y, h = h, drift = TRUE, level = 95)
)
out <- list()
timing <- c()
for (m in names(methods)) {
  f <- methods[[m]]
  res <- vector("list", length(series))
  t0 <- proc.time()[["elapsed"]]
  for (k in seq_along(series)) res[[k]] <- f(series[[k]])
  timing[m] <- proc.time()[["elapsed"]] - t0
  out[[m]] <- do.call(rbind, lapply(seq_along(series), function(k) data.frame(
    series_id = ids[k], method = m, step = seq_len(h),
    mean = as.numeric(res[[k]]$mean), lower95 = as.numeric(res[[k]]$lower[, 1]),
    upper95 = as.numeric(res[[k]]$upper[, 1]))))
}
all <- do.call(rbind, out)
tim <- data.frame(series_id = "__timing__", method = names(timing), step = 0, mean = as.numeric(timing), lower95 = 0, upper95 = 0)
meta <- data.frame(series_id = "__version__", method = paste0("R ", getRversion(), " forecast ", packageVersion("forecast")), step = 0, mean = 0, lower95 = 0, upper95 = 0)
write.csv(rbind(all, tim, meta), args[3], row.names = FALSE)
