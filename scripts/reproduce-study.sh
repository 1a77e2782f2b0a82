#!/usr/bin/env bash
# The reproduction study of docs/RESULTS.md, command by command. Each comparison writes to results/study/<name>/ and
# resumes if interrupted; the published tables, plots and reports are copies of what these folders hold.
# ADAMOMENTUM may name a built CLI; by default the repository's CLI is run through dotnet.
set -euo pipefail
cd "$(dirname "$0")/.."
cli=${ADAMOMENTUM:-"dotnet run -c Release --project src/AdaMomentumSharp.Cli --"}
all=adamomentum,sgdm,adam,adamw,amsgrad,radam,adabelief,yogi,adabound
five=adamomentum,adam,adamw,adabelief,sgdm
out=results/study
publish() { mkdir -p "docs/results/$2"; cp "$out/$1"/{report.md,summary.json,metrics.csv,*.png} "docs/results/$2/"; cp "$out/$1"/tuning.csv "docs/results/$2/" 2>/dev/null || true; }

# 1. Fashion-MNIST CNN: nine optimizers, learning rate tuned on validation, 3 seeds.
$cli compare --task fashion-cnn --optimizers $all --epochs 3 --train-limit 30000 --lr-grid 0.3,1,3 --seeds 3 --quiet --out $out/fashion-cnn
publish fashion-cnn fashion-cnn

# 2. Fashion-MNIST MLP: the same protocol, 5 seeds.
$cli compare --task fashion-mlp --optimizers $all --epochs 8 --lr-grid 0.3,1,3 --seeds 5 --quiet --out $out/fashion-mlp
publish fashion-mlp fashion-mlp

# 5a. Stability on the MLP: rates from 1e-4 to 1e-1 (the same settings, so the runs above are reused).
$cli compare --task fashion-mlp --optimizers adamomentum,adam,adabelief --epochs 8 --lr-grid 0.1,0.3,1,3,10,30,100 --seeds 1 --quiet --out $out/fashion-mlp
publish fashion-mlp stability-fashion-mlp

# 3. Character LSTM, 1 and 2 layers.
for layers in 1 2; do
  $cli compare --task char-lstm --layers $layers --optimizers $five --epochs 3 --train-limit 3000 --lr-grid 0.3,1,3 --seeds 3 --quiet --out $out/char-lstm-$layers
  publish char-lstm-$layers char-lstm-$layers
done

# 5b. Stability on the 1-layer LSTM.
$cli compare --task char-lstm --layers 1 --optimizers adamomentum,adam,adabelief --epochs 3 --train-limit 3000 --lr-grid 0.1,0.3,1,3,10,30,100 --seeds 1 --quiet --out $out/char-lstm-1
publish char-lstm-1 stability-char-lstm

# 4. Small Transformer language model, default learning rates.
$cli compare --task char-transformer --layers 2 --optimizers $five --epochs 3 --train-limit 3000 --seeds 3 --quiet --out $out/char-transformer
publish char-transformer char-transformer

# 7. DCGAN on Fashion-MNIST at a quarter of the authors' width, one seed; its sample grids are published too.
$cli compare --task fashion-dcgan --optimizers adamomentum,adam,sgdm --epochs 8 --train-limit 12800 --hidden 16 --quiet --out $out/fashion-dcgan
publish fashion-dcgan fashion-dcgan
cp -r "$out/fashion-dcgan/samples" "$out/fashion-dcgan/runs" docs/results/fashion-dcgan/

# Optimizer paths on the 2-D test functions.
$cli trajectories --optimizers adamomentum,adam,sgdm,adabelief --out docs/results/trajectories

# 6. Step cost on a 16 M-parameter list and on the parameter lists of the models above.
mkdir -p docs/results/bench
$cli bench --parameters 16777216 --tensors 62 --optimizers adamomentum,adam,adamw --out docs/results/bench/16M-62-tensors.md
for task in fashion-cnn fashion-mlp char-lstm char-transformer; do
  $cli bench --task $task --steps 50 --optimizers adamomentum,adam,adamw --out docs/results/bench/$task.md
done
$cli bench --task char-lstm --layers 2 --steps 50 --optimizers adamomentum,adam,adamw --out docs/results/bench/char-lstm-2.md
