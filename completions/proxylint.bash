# bash completion for proxylint                             -*- shell-script -*-
# SPDX-License-Identifier: MIT
# Installed by 'make install' into share/bash-completion/completions/.

_proxylint()
{
	local cur prev words cword
	_init_completion -s 2>/dev/null || {
		cur=${COMP_WORDS[COMP_CWORD]}
		prev=${COMP_WORDS[COMP_CWORD-1]}
	}
	case $prev in
	-f|--format)
		COMPREPLY=($(compgen -W 'text json sarif github' -- "$cur"))
		return ;;
	--fail-on)
		COMPREPLY=($(compgen -W 'error warning info never' -- "$cur"))
		return ;;
	--default-proxy)
		COMPREPLY=($(compgen -W 'proxied dns-only unknown' -- "$cur"))
		return ;;
	--input-format)
		COMPREPLY=($(compgen -W 'auto bind cloudflare-json terraform-plan octodns terraform dnscontrol markdown' -- "$cur"))
		return ;;
	--color|--colour)
		COMPREPLY=($(compgen -W 'auto always never' -- "$cur"))
		return ;;
	--explain)
		COMPREPLY=($(compgen -W "$(proxylint --list-rules 2>/dev/null | awk '{print $1}')" -- "$cur"))
		return ;;
	--rules)
		COMPREPLY=($(compgen -d -- "$cur"))
		return ;;
	-c|--config|--dnscontrol-js)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	-j|--jobs|--origin|--dnscontrol-provider)
		return ;;
	esac
	case $cur in
	--*=*)
		return ;;
	-*)
		COMPREPLY=($(compgen -W '--format --fail-on --config --no-config
		    --no-inline-ignores --input-format --dnscontrol-js
		    --dnscontrol-provider --origin --default-proxy
		    --assume-proxied --rules --list-rules --explain --color --jobs
		    --recursive --quiet --version --help --fix --diff
		    --unsafe-fixes' -- "$cur"))
		return ;;
	esac
	COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _proxylint proxylint
