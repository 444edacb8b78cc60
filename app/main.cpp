#include "application.h"

int main(int argc, char *argv[])
{
    return podtrends::app::run(argc, argv);
}
